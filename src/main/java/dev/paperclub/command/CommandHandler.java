package dev.paperclub.command;

import java.util.List;

/** Answers one slash command (or one subcommand of {@code /admin}). Knows nothing of Discord. */
public interface CommandHandler {
    /** The key it answers: "search", or "admin remove" for a subcommand. */
    String key();

    Reply handle(CommandRequest request);

    /** Whether the work may take more than a second, so adapters should acknowledge first. */
    default boolean slow() {
        return false;
    }

    /**
     * Autocomplete choices for {@code option} of this command (only options defined with
     * autocomplete are asked): by default the papers a {@code paper} option may name.
     */
    default List<Choice> choices(String option, String typed, PaperResolver papers) {
        return option.equals("paper") ? papers.suggest(typed, 25) : List.of();
    }

    /** Choices that depend on who asks (their own watches, their server's feeds); by default the same for everyone. */
    default List<Choice> choices(String option, String typed, PaperResolver papers, Caller caller) {
        return choices(option, typed, papers);
    }

    /**
     * Whether its answer is meant for the caller only. Discord fixes an answer's visibility when it
     * is deferred, before the answer exists, so adapters defer with this; errors are private anyway.
     */
    default boolean privateAnswer() {
        return false;
    }

    /** Whether only moderators may run it; the dispatcher checks, whatever Discord's defaults say. */
    default boolean moderatorOnly() {
        return false;
    }

    /**
     * Whether it changes the library every server shares (ingest, remove, restore, reindex):
     * the dispatcher then also asks whether the caller's server may (its home servers).
     */
    default boolean changesLibrary() {
        return false;
    }
}
