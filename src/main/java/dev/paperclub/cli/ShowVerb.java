package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.paper.Paper;
import dev.paperclub.paper.PaperJson;
import dev.paperclub.util.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code show ID}: one paper, as text or in the export JSON format. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = "Shows one paper.")
public final class ShowVerb implements Callable<Integer> {
    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = AppOptions.PAPER_ARGUMENT)
    String id;

    @Option(names = "--json", description = "Print the paper in the export JSON format.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (App a = app.openApp()) {
            Paper p = AppOptions.paper(a.library(), id);
            if (json) {
                out.println(Json.write(PaperJson.export(p)));
            } else {
                out.println(p.title());
                out.println("  id:        " + p.id());
                if (!p.authorLine().isEmpty()) out.println("  authors:   " + p.authorLine());
                if (p.organization() != null) out.println("  org:       " + p.organization());
                if (p.published() != null) out.println("  published: " + p.published());
                if (p.upvotes() != null) out.println("  upvotes:   " + p.upvotes());
                if (p.url() != null) out.println("  url:       " + p.url());
                out.println("  sources:   " + String.join(", ", p.sources()));
                out.println();
                out.println(p.abstractText());
            }
        }
        return 0;
    }
}
