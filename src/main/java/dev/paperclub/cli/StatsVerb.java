package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.util.Json;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stats}: corpus and storage figures. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = "Shows papers, indexed documents, votes and sizes on disk.")
public final class StatsVerb implements Callable<Integer> {
    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object (papers, indexed, votes, db_bytes, index_bytes, …).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (App a = app.openApp()) {
            Map<String, Object> s = a.library().stats();
            if (json) {
                out.println(Json.write(s));
            } else {
                s.forEach((k, v) -> out.printf("%-16s %s%n", k, v));
            }
        }
        return 0;
    }
}
