package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.DataDirInUseException;
import dev.paperclub.Ingestion;
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
        App opened;
        try {
            opened = app.open(config);
        } catch (DataDirInUseException held) {
            // run or console holds the data dir: queue each input for it to apply and index
            try {
                return beside(config, progressSoFar, out, err);
            } finally {
                removeHook(interrupted);
            }
        } catch (RuntimeException e) {
            removeHook(interrupted);
            if (scratch != null) deleteTree(scratch);
            throw e;
        }
        try (App a = opened;
                IngestService.Pipeline pipeline = a.ingestion().pipeline()) {
            progressSoFar.indexing(pipeline::indexing);
            // the search index takes each input in the background while the next one is read and stored
            failures = ingestEach(
                    a.ingestion(), progressSoFar, out, err, (in, options, progress) -> pipeline.ingest(in, options));
            // inputs a CLI ingest beside this one queued meanwhile: this process holds the data dir, so it applies them
            if (!dryRun) a.ingestion().service().applyQueued();
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

    /** How one input is stored: standalone, or handed to the running process. */
    @FunctionalInterface
    private interface Store {
        IngestReport store(IngestInput in, IngestOptions options, Progress progress) throws IngestException;
    }

    /** Stores each input through {@code store}, printing its report or why it was refused; the number of failures. */
    private int ingestEach(
            Ingestion ingestion, IngestInterruption progressSoFar, PrintWriter out, PrintWriter err, Store store) {
        int failures = 0;
        for (String input : inputs) {
            progressSoFar.started(input);
            String summary = null;
            try {
                IngestInput in = input(ingestion, input);
                Progress progress = new Progress(err, in.size() > 5_000_000 && !quiet);
                IngestReport r = store.store(in, new IngestOptions(dryRun, strict, progress::update), progress);
                summary = r.summaryLine();
                progress.done();
                failures += report(out, err, in, r);
            } catch (IngestException e) {
                failures++;
                refused(err, e);
            }
            progressSoFar.finished(summary);
            out.flush();
            err.flush();
        }
        return failures;
    }

    /** A URL is fetched (and capped by ingest.max-bytes); anything else is a local file, read whole. */
    private static IngestInput input(Ingestion ingestion, String input) throws IngestException {
        return input.matches("(?i)^[a-z][a-z0-9+.-]*://.*") ? ingestion.fetch(input) : file(input);
    }

    /** Prints the report; 1 when every record was rejected (as bad an input as an unreadable one), else 0. */
    private int report(PrintWriter out, PrintWriter err, IngestInput in, IngestReport r) {
        print(out, r);
        if (r.records() == 0 && r.rejected() > 0) {
            // as bad an input as an unreadable one: the exit code says so to scripts
            err.println(UserError.PREFIX + in.name() + ": every record was rejected (see above); nothing was stored.");
            return 1;
        }
        return 0;
    }

    private static void refused(PrintWriter err, IngestException e) {
        err.println(UserError.PREFIX + e.getMessage());
        if (!e.partlyStored() && !e.getMessage().contains("nothing from this input was stored"))
            err.println("       nothing from this input was stored.");
    }

    /** How often a CLI ingest beside a running process reads how far its input is applied. */
    private static final long BESIDE_POLL_MILLIS = 200;
    /** With no progress for this long, the CLI checks whether the running process is still there. */
    private static final long BESIDE_STALL_MILLIS = 3_000;

    /**
     * Beside the process that holds the data dir: each input is parsed and checked here, into a
     * spool file, then queued (the commit point); the running process applies it in bounded steps,
     * indexes it and shows it in search, while this shows how far it is and then the same summary
     * as a standalone ingest. A dry run stores and queues nothing. If the running process stops
     * before applying it, this opens the data dir itself, which completes the queued input.
     */
    private int beside(Config config, IngestInterruption progressSoFar, PrintWriter out, PrintWriter err) {
        int failures;
        if (!quiet) {
            err.println("note: a running PaperClub (run or console) holds " + config.dataDir()
                    + (dryRun
                            ? "; the dry run compares with a snapshot of its library."
                            : "; each input is checked here and handed to it, which stores and indexes it."));
            err.flush();
        }
        try (Ingestion ingestion = Ingestion.beside(config, java.time.Clock.systemUTC())) {
            IngestService service = ingestion.service();
            failures = ingestEach(ingestion, progressSoFar, out, err, (in, options, progress) -> {
                if (dryRun) return ingestion.dryRunOnSnapshot(in, options, java.time.Clock.systemUTC());
                long id = service.submit(in, options, "CLI ingest " + in.name());
                progressSoFar.queued();
                progress.done();
                return awaitApplied(config, service, id, err);
            });
        }
        if (!dryRun && !quiet) {
            err.println(
                    "  the running PaperClub brings its search index up to date; the papers show in its search within seconds.");
            err.flush();
        }
        return failures == 0 ? 0 : 1;
    }

    /** Waits until the queued input {@code id} is applied whole, showing how far it is; its report. */
    private IngestReport awaitApplied(Config config, IngestService service, long id, PrintWriter err) {
        long lastChange = System.nanoTime();
        int lastApplied = -1;
        boolean shown = false;
        while (true) {
            IngestService.Queued q = service.queued(id).orElseThrow();
            if (q.done()) {
                if (shown) err.println();
                return q.report();
            }
            if (q.applied() != lastApplied) {
                lastApplied = q.applied();
                lastChange = System.nanoTime();
                if (!quiet) {
                    err.printf("\r  … stored by the running PaperClub: %,d of %,d records", q.applied(), q.records());
                    err.flush();
                    shown = true;
                }
            } else if (System.nanoTime() - lastChange > BESIDE_STALL_MILLIS * 1_000_000L) {
                completeIfOwnerGone(config);
                lastChange = System.nanoTime();
            }
            try {
                Thread.sleep(BESIDE_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted; the input is queued and the running PaperClub stores it whole.");
            }
        }
    }

    /** The running process may have stopped: if the data dir is free, opening it completes every queued input. */
    private void completeIfOwnerGone(Config config) {
        try (App a = App.open(config, java.time.Clock.systemUTC())) {
            // opening applied the queue
        } catch (DataDirInUseException stillRunning) {
            // it is there (busy with another input, or starting): keep waiting
        }
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
                printed = false;
            }
        }
    }
}
