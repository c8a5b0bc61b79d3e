package dev.paperclub.command;

/** Answers one slash command (or one subcommand of {@code /admin}). Knows nothing of Discord. */
public interface CommandHandler {
    /** The key it answers: "search", or "admin remove" for a subcommand. */
    String key();

    Reply handle(CommandRequest request);

    /** Whether the work may take more than a second, so adapters should acknowledge first. */
    default boolean slow() {
        return false;
    }

    /** Whether only moderators may run it; the dispatcher checks, whatever Discord's defaults say. */
    default boolean moderatorOnly() {
        return false;
    }
}
