package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.config.Config;
import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestOptions;
import dev.paperclub.ingest.IngestReport;
import dev.paperclub.ingest.IngestService;
import dev.paperclub.ingest.Rejection;
import dev.paperclub.util.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ingest FILE|URL…}: detects each input's format and stores it whole or not at all. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = {
            "Adds papers from files or URLs, detecting the format.",
            "Formats: an HF Daily Papers page copy, an HF listing copy, HF daily papers API JSON, an arXiv Atom feed,",
            "or PaperClub JSON Lines (the export format).",
            "Each input is stored whole or not at all; bad records in a readable input are reported with their line.",
            "Exit code 1 when an input could not be read, or every record in it was rejected."
        },
        footer = {
            "",
            "Examples:",
            "  java -jar target/paperclub.jar ingest papers.jsonl",
            "  java -jar target/paperclub.jar ingest --dry-run https://huggingface.co/api/daily_papers"
        })
public final class IngestVerb implements Callable<Integer> {
    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|URL", description = "Files or http(s) URLs to ingest.")
    List<String> inputs;

    @Option(names = "--dry-run", description = "Show what would be added or updated; store nothing.")
    boolean dryRun;

    @Option(names = "--strict", description = "Refuse a whole input when any record in it is bad.")
    boolean strict;

    @Option(names = "--quiet", description = "Print only the summary lines.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        Config config = app.config();
        Path scratch = null;
        if (dryRun && AppOptions.noDataYet(config.dataDir())) {
            // A dry run changes nothing, so it must not create the data dir either: it compares
            // with the empty library that data dir would be, kept in a temporary folder.
            try {
                scratch = Files.createTempDirectory("paperclub-dry-run-");
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot create a temporary folder for the dry run: " + e.getMessage(), e);
            }
            err.println("note: no PaperClub data in " + config.dataDir()
                    + " yet; the dry run compares with an empty library and creates nothing there.");
            config = config.with("data.dir", scratch.toString());
        }
        IngestInterruption progressSoFar = new IngestInterruption(config.dataDir(), dryRun, inputs);
        // Ctrl-C stops the JVM without unwinding this method: say what is stored and what the index will do
        Thread interrupted = new Thread(
                () -> {
                    err.println(); // after the terminal's ^C, or a progress line
                    progressSoFar.report().forEach(err::println);
                    err.flush();
                },
                "ingest-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try (App a = app.open(config);
                IngestService.Pipeline pipeline = a.ingestion().pipeline()) {
            progressSoFar.indexing(pipeline::indexing);
            // the search index takes each input in the background while the next one is read and stored
            for (String input : inputs) {
                progressSoFar.started(input);
                String summary = null;
                try {
                    IngestInput in = input.matches("(?i)^[a-z][a-z0-9+.-]*://.*")
                            ? a.ingestion().fetch(input)
                            : file(input);
                    long size = in.size();
                    Progress progress = new Progress(err, size > 5_000_000 && !quiet);
                    IngestReport r = pipeline.ingest(in, new IngestOptions(dryRun, strict, progress::update));
                    summary = r.summaryLine();
                    progress.done();
                    print(out, r);
                    if (r.records() == 0 && r.rejected() > 0) {
                        // as bad an input as an unreadable one: the exit code says so to scripts
                        failures++;
                        err.println(UserError.PREFIX + in.name()
                                + ": every record was rejected (see above); nothing was stored.");
                    }
                } catch (IngestException e) {
                    failures++;
                    err.println(UserError.PREFIX + e.getMessage());
                    if (!e.getMessage().contains("nothing from this input was stored"))
                        err.println("       nothing from this input was stored.");
                }
                progressSoFar.finished(summary);
                out.flush();
                err.flush();
            }
            if (pipeline.indexing() && !quiet) {
                err.println("  … updating the search index");
                err.flush();
            }
        } finally {
            removeHook(interrupted);
            if (scratch != null) deleteTree(scratch);
        }
        return failures == 0 ? 0 : 1;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook runs and says what happened
        }
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException | UncheckedIOException e) {
            // only a temporary folder is left behind; the system cleans those
        }
    }

    private static IngestInput file(String name) throws IngestException {
        Path p = Path.of(name);
        if (!Files.exists(p)) throw new IngestException(name + ": no such file.");
        if (!Files.isRegularFile(p)) throw new IngestException(name + ": not a regular file.");
        if (!Files.isReadable(p)) throw new IngestException(name + ": not readable (check its permissions).");
        return IngestInput.ofFile(p);
    }

    private void print(PrintWriter out, IngestReport r) {
        out.println(r.summaryLine());
        if (quiet) return;
        if (r.dryRun()) {
            listIds(out, "would add", r.addedIds(), r.added());
            listIds(out, "would update", r.updatedIds(), r.updated());
        }
        int shown = 0;
        for (Rejection rej : r.rejections()) {
            if (shown++ == 20) {
                out.println("  … and " + (r.rejected() - 20) + " more rejected records");
                break;
            }
            out.println("  rejected " + rej);
        }
        for (Rejection d : r.dropped().subList(0, Math.min(20, r.dropped().size()))) out.println("  " + d);
        if (r.dropped().size() > 20) out.println("  … and " + (r.dropped().size() - 20) + " more kept without a link");
    }

    private static void listIds(PrintWriter out, String verb, List<String> ids, int total) {
        if (total == 0) return;
        out.println("  " + verb + " " + total + ": " + String.join(", ", ids.subList(0, Math.min(ids.size(), 20)))
                + (total > 20 ? ", …" : ""));
    }

    /** Prints "read N records" on stderr for large inputs, overwriting one line. */
    private static final class Progress {
        private final PrintWriter err;
        private final boolean enabled;
        private final long startNanos = System.nanoTime();
        private boolean printed;

        Progress(PrintWriter err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        void update(long n) {
            if (!enabled) return;
            double s = (System.nanoTime() - startNanos) / 1e9;
            err.printf("\r  … %,d records read (%.0f/s)", n, n / Math.max(s, 1e-3));
            err.flush();
            printed = true;
        }

        void done() {
            if (printed) {
                err.println();
                err.flush();
            }
        }
    }
}
