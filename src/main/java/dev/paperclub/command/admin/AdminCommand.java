package dev.paperclub.command.admin;

import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandHandler;

/**
 * A subcommand of {@code /admin}. Moderator-only by construction, so a new admin command
 * cannot forget the check; the CommandService enforces it and audits every outcome.
 */
public interface AdminCommand extends CommandHandler {
    @Override
    default boolean moderatorOnly() {
        return true;
    }

    /** The caller's server; admin commands make no sense outside one. */
    static String guild(Caller c) {
        if (c.guildId() == null) throw new CommandException("Admin commands work in a server, not in direct messages.");
        return c.guildId();
    }
}
