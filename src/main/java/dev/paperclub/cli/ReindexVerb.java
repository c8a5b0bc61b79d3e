package dev.paperclub.cli;

import dev.paperclub.App;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reindex}: rebuilds the search index from the store. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Rebuilds the search index from the store (the store is the source of truth; nothing is lost).")
public final class ReindexVerb implements Callable<Integer> {
    @Mixin AppOptions app;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try (App a = app.openApp()) {
            long start = System.nanoTime();
            a.indexSync().rebuild(n -> {
                err.printf("\r  … %,d papers indexed", n);
                err.flush();
            });
            err.println();
            spec.commandLine().getOut().printf("Reindexed %d papers in %.1f s.%n", a.papers().count(), (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }
}
