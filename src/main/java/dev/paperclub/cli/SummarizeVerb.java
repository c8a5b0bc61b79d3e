package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.Library;
import dev.paperclub.paper.Paper;
import dev.paperclub.summary.Summarizer;
import dev.paperclub.summary.Summary;
import dev.paperclub.summary.SummaryBatch;
import dev.paperclub.summary.SummaryException;
import dev.paperclub.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code summarize}: one paper's TL;DR, points and keywords, or a JSON Lines batch. */
@Command(
        name = "summarize",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = {
            "Summarizes a paper from its abstract: TL;DR, key points, keywords.",
            "Batch: --input FILE.jsonl (lines {\"id\",\"title\",\"abstract\"} or {\"id\",\"title\",\"sentences\":[…]})",
            "--output OUT.jsonl (lines {\"id\",\"tldr\",\"points\":[…],\"keywords\":[…]})."
        })
public final class SummarizeVerb implements Callable<Integer> {
    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ID", description = AppOptions.PAPER_ARGUMENT)
    String id;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--input", paramLabel = "FILE.jsonl", description = "Batch input (no data dir needed).")
    Path input;

    @Option(names = "--output", paramLabel = "OUT.jsonl", description = "Batch output, written atomically.")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (input != null || output != null) {
            if (input == null || output == null)
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--input and --output go together.");
            if (id != null)
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "Give an ID or --input, not both.");
            InputFiles.check(input);
            SummaryBatch.Result r = SummaryBatch.run(input, output, new Summarizer());
            spec.commandLine()
                    .getErr()
                    .println("Summarized " + r.written() + " papers into " + output
                            + (r.errors().isEmpty() ? "" : "; " + r.errors().size() + " lines skipped:"));
            r.errors().stream()
                    .limit(20)
                    .forEach(e -> spec.commandLine().getErr().println("  " + e));
            return r.errors().isEmpty() ? 0 : 1;
        }
        if (id == null)
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "Give a paper ID, or --input and --output.");
        try (App a = app.openApp()) {
            Library library = a.library();
            Paper p = AppOptions.paper(library, id);
            Summary s;
            try {
                s = library.summaries().summarize(p.id(), p.title(), p.abstractText());
            } catch (SummaryException e) {
                throw new UserError(e.getMessage());
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", p.id());
                m.put("tldr", s.tldr());
                m.put("points", s.points());
                m.put("keywords", s.keywords());
                out.println(Json.write(m));
            } else {
                out.println(p.title());
                out.println();
                out.println("TL;DR: " + s.tldr());
                s.points().forEach(pt -> out.println("  • " + pt));
                out.println("Keywords: " + String.join(", ", s.keywords()));
                out.println("(extracted from the abstract)");
            }
        }
        return 0;
    }
}
