package dev.paperclub.command;

/**
 * One slash command as a platform-neutral request.
 *
 * @param name       the command ({@code search}, {@code admin})
 * @param subcommand the subcommand ({@code remove} of {@code /admin remove}), or null
 */
public record CommandRequest(String name, String subcommand, Options options, Caller caller) {
    public CommandRequest {
        options = options == null ? Options.none() : options;
    }

    /** "search" or "admin remove": the key handlers are registered under. */
    public String key() {
        return subcommand == null ? name : name + " " + subcommand;
    }
}
