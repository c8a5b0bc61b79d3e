package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.Library;
import dev.paperclub.paper.Paper;
import dev.paperclub.search.SearchHit;
import dev.paperclub.util.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code similar ID}: the papers most like one paper. */
@Command(
        name = "similar",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = "Lists the papers most like a paper (itself excluded).")
public final class SimilarVerb implements Callable<Integer> {
    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = AppOptions.PAPER_ARGUMENT)
    String id;

    @Option(names = "--limit", defaultValue = "5", description = "How many (1-50, default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per line: id, title, score.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 50)
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be 1-50.");
        PrintWriter out = spec.commandLine().getOut();
        try (App a = app.openApp()) {
            Library library = a.library();
            Paper p = AppOptions.paper(library, id);
            List<SearchHit> hits = library.similar().similar(p.id(), limit);
            int i = 1;
            for (SearchHit h : hits) {
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", h.id());
                    m.put("title", h.title());
                    m.put("score", h.score());
                    out.println(Json.write(m));
                } else {
                    out.printf("%2d. %s  [%s]%n", i++, h.title(), h.id());
                }
            }
            if (hits.isEmpty() && !json) out.println("No similar papers found.");
        }
        return 0;
    }
}
