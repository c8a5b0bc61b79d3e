package dev.paperclub.cli;

import picocli.CommandLine.Command;

/**
 * The {@code paperclub} command: one verb per job, each a {@code …Verb} class in this package
 * ({@code …Command} names the slash-command handlers in {@code command/}).
 */
@Command(
        name = "paperclub",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = {
            "A self-hosted Discord bot for research reading groups: search, summaries, votes and daily highlights.",
            "Run a verb with --help for its options."
        },
        subcommands = {
            RunVerb.class,
            ConsoleVerb.class,
            IngestVerb.class,
            SearchVerb.class,
            ShowVerb.class,
            SummarizeVerb.class,
            SimilarVerb.class,
            ExportVerb.class,
            ReindexVerb.class,
            StatsVerb.class,
            BackupVerb.class
        },
        footer = {"", "Exit codes: 0 success, 1 bad input (message on stderr), 2 usage error."})
public final class PaperClubCli implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Name a verb.");
    }
}
