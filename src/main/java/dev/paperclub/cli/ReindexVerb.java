package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.DataDirInUseException;
import dev.paperclub.Reindexing;
import dev.paperclub.config.AppSettings;
import dev.paperclub.config.Config;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reindex}: rebuilds the search index from the store. */
@Command(
        name = "reindex",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = "Rebuilds the search index from the store (the store is the source of truth; nothing is lost).")
public final class ReindexVerb implements Callable<Integer> {
    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--vectors",
            description = "Also recompute every paper's embedding (semantic search) and wait for it.")
    boolean vectors;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Config config = app.config();
        // Nobody is waiting on commands while reindex runs: embed on every core unless told otherwise.
        if (vectors && AppSettings.from(config).search().semanticThreads() == 0) {
            config = config.with(
                    "search.semantic.threads",
                    String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
        LongConsumer progress = n -> {
            err.printf("\r  … %,d papers indexed", n);
            err.flush();
        };
        long start = System.nanoTime();
        if (App.inUse(config.dataDir())) throw runningElsewhere(config);
        // Opening rebuilds a damaged index already (with this progress); no need to do it twice.
        try (App opened = openOwning(config, progress)) {
            Reindexing a = opened.reindexing();
            if (vectors && !a.semantic().enabled())
                throw new UserError("search.semantic.enabled is false: there are no vectors to recompute.");
            a.rebuild(vectors, progress);
            err.println();
            spec.commandLine()
                    .getOut()
                    .printf("Reindexed %d papers in %.1f s.%n", a.count(), (System.nanoTime() - start) / 1e9);
            if (vectors) embed(a, err);
        }
        return 0;
    }

    /** The app owning the data dir; refused when the bot or a console started since {@link App#inUse} looked. */
    private static App openOwning(Config config, LongConsumer progress) {
        try {
            return App.open(config, Clock.systemUTC(), progress);
        } catch (DataDirInUseException e) {
            throw runningElsewhere(config);
        }
    }

    /** The index belongs to the running process: only it may rebuild it. */
    private static UserError runningElsewhere(Config config) {
        return new UserError("PaperClub is running on " + config.dataDir() + " (the bot or a console), and that"
                + " process owns the search index: rebuild it there with `/admin reindex` (in Discord, or in the"
                + " console started with --moderator), or stop that process and run reindex again.");
    }

    private void embed(Reindexing a, PrintWriter err) throws InterruptedException {
        long start = System.nanoTime();
        if (a.semantic().load().isEmpty())
            throw new UserError("The embedding model could not be loaded: "
                    + a.semantic().stats().get("state"));
        Thread progress = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        err.printf(
                                "\r  … %,d papers embedded, %,d to go",
                                a.worker().embeddedCount(), a.pendingVectors());
                        err.flush();
                        try {
                            Thread.sleep(2_000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "reindex-progress");
        progress.setDaemon(true);
        progress.start();
        try {
            a.worker().drain();
        } finally {
            progress.interrupt();
        }
        err.println();
        spec.commandLine()
                .getOut()
                .printf(
                        "Embedded %d papers in %.1f s (%.0f papers/s).%n",
                        a.worker().embeddedCount(),
                        (System.nanoTime() - start) / 1e9,
                        a.worker().papersPerSecond());
    }
}
