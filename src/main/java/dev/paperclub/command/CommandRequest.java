package dev.paperclub.command;

import java.util.function.Consumer;

/**
 * One slash command as a platform-neutral request.
 *
 * @param name       the command ({@code search}, {@code admin})
 * @param subcommand the subcommand ({@code remove} of {@code /admin remove}), or null
 * @param progress   where long work reports progress ("12,000 of 40,000 papers indexed");
 *                   Discord edits the deferred reply, the console prints a line
 */
public record CommandRequest(
        String name, String subcommand, Options options, Caller caller, Consumer<String> progress) {
    public CommandRequest {
        options = options == null ? Options.none() : options;
        progress = progress == null ? s -> {} : progress;
    }

    public CommandRequest(String name, String subcommand, Options options, Caller caller) {
        this(name, subcommand, options, caller, null);
    }

    /** "search" or "admin remove": the key handlers are registered under. */
    public String key() {
        return subcommand == null ? name : name + " " + subcommand;
    }
}
