package dev.paperclub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperclub.App;
import dev.paperclub.Library;
import dev.paperclub.command.SinceOption;
import dev.paperclub.command.member.SearchCommand;
import dev.paperclub.search.SearchHit;
import dev.paperclub.search.SearchMode;
import dev.paperclub.search.SearchQuery;
import dev.paperclub.search.SearchResults;
import dev.paperclub.search.SemanticModel;
import dev.paperclub.util.AtomicFiles;
import dev.paperclub.util.Json;
import dev.paperclub.util.Utf8Lines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code search}: one query, or a batch of queries written as a TREC run. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = {
            "Searches the library: words, \"phrases\", -exclusions, title: and author: fields, prefix*.",
            "Batch: --queries FILE.jsonl ({\"_id\",\"text\"} per line) --run OUT writes a TREC run",
            "(qid Q0 docid rank score paperclub)."
        })
public final class SearchVerb implements Callable<Integer> {
    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "What to look for.")
    String query;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Results, 1-" + SearchQuery.MAX_LIMIT + " (default 10; " + SearchQuery.MAX_LIMIT
                    + " per query in batch mode).")
    Integer limit;

    @Option(names = "--since", description = "Only papers since a date (2024-01-31) or a span (7d, 2w, 3m, 1y).")
    String since;

    @Option(names = "--json", description = "One JSON object per result: id, title, score, snippet.")
    boolean json;

    @Option(
            names = "--mode",
            paramLabel = "lexical|dense|hybrid",
            description =
                    "Ranking: words (BM25), meaning (vectors) or both fused (default; lexical when the model is off).")
    String mode = "hybrid";

    @Option(
            names = "--queries",
            paramLabel = "FILE.jsonl",
            description = "Batch of queries, one {\"_id\",\"text\"} per line.")
    Path queries;

    @Option(names = "--run", paramLabel = "OUT", description = "Where the batch's TREC run goes (written atomically).")
    Path run;

    @Override
    public Integer call() throws IOException {
        boolean batch = queries != null || run != null;
        if (batch && (queries == null || run == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--queries and --run go together.");
        }
        if (batch == (query != null)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "Give a QUERY, or --queries FILE --run OUT.");
        }
        int n = limit == null ? (batch ? SearchQuery.MAX_LIMIT : 10) : limit;
        if (n < 1 || n > SearchQuery.MAX_LIMIT) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--limit must be 1-" + SearchQuery.MAX_LIMIT + " (was " + n + ").");
        }
        LocalDate from = null;
        if (since != null) {
            try {
                from = SinceOption.parse(since, Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        SearchMode m;
        try {
            m = SearchMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--mode must be lexical, dense or hybrid.");
        }
        try (App opened = app.openApp()) {
            Library a = opened.library();
            // One-shot: wait for the model here (the bot never does; it searches lexically until the model is ready).
            int vectors = m == SearchMode.LEXICAL ? 0 : a.vectorCount();
            if (vectors > 0) a.semantic().load();
            boolean asked = spec.commandLine().getParseResult().hasMatchedOption("--mode");
            if (asked
                    && m != SearchMode.LEXICAL
                    && (vectors == 0 || a.semantic().state() != SemanticModel.State.READY)) {
                // an explicit --mode dense/hybrid that silently ranked by words would mislead a comparison
                spec.commandLine()
                        .getErr()
                        .println("note: ranking by words only (--mode "
                                + m.name().toLowerCase(Locale.ROOT) + " needs "
                                + (!a.semantic().enabled()
                                        ? "search.semantic.enabled=true"
                                        : vectors == 0
                                                ? "paper vectors: run `reindex --vectors` (the bot also embeds new papers in the background)"
                                                : "the embedding model, which could not be loaded (see the log)")
                                + ").");
            }
            return batch ? batch(a, n, m) : single(a, n, from, m);
        }
    }

    private int single(Library a, int n, LocalDate from, SearchMode mode) {
        PrintWriter out = spec.commandLine().getOut();
        SearchResults r = a.search().search(new SearchQuery(query, from, n, 0), mode);
        if (json) {
            for (SearchHit h : r.hits()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", h.id());
                m.put("title", h.title());
                m.put("score", h.score());
                m.put("snippet", h.snippet());
                out.println(Json.write(m));
            }
            return 0;
        }
        if (r.hits().isEmpty()) {
            out.println("No papers match."
                    + r.didYouMean().map(d -> " Did you mean: " + d + "?").orElse(""));
            return 0;
        }
        int i = 1;
        for (SearchHit h : r.hits()) {
            out.printf("%2d. %s  [%s]%n", i++, h.title(), h.id());
            if (h.snippet() != null) out.println("    " + h.snippet().replace("\n", " "));
        }
        out.println(SearchCommand.countLine(r, "`" + query + "`") + ".");
        return 0;
    }

    private int batch(Library a, int n, SearchMode mode) throws IOException {
        InputFiles.check(queries);
        int[] count = {0};
        Map<String, Integer> firstLineOf = new HashMap<>();
        AtomicFiles.write(run, w -> {
            Utf8Lines.forEach(queries, (lineNo, l) -> {
                if (l.isBlank()) return;
                JsonNode q;
                try {
                    q = Json.MAPPER.readTree(l);
                } catch (IOException e) {
                    throw new UserError(queries + ": line " + lineNo + " is not JSON (expected {\"_id\",\"text\"}).");
                }
                String qid = q.path("_id").asText(q.path("id").asText(""));
                String text = q.path("text").asText("");
                if (qid.isEmpty() || text.isEmpty())
                    throw new UserError(queries + ": line " + lineNo + " needs \"_id\" and \"text\".");
                // A TREC run is split on whitespace: an id with a space would shift every column after it.
                if (qid.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                    throw new UserError(queries + ": line " + lineNo + " has an \"_id\" with whitespace ("
                            + Json.write(qid) + "), which a TREC run cannot hold.");
                }
                // Two queries with one id would merge into one ranking with repeated ranks.
                Integer first = firstLineOf.putIfAbsent(qid, lineNo);
                if (first != null) {
                    throw new UserError(queries + ": line " + lineNo + " repeats the \"_id\" " + Json.write(qid)
                            + " of line " + first + "; each query needs its own.");
                }
                TrecRun.write(w, qid, a.search().rank(text, n, mode));
                count[0]++;
            });
        });
        spec.commandLine().getErr().println("Ran " + count[0] + " queries; TREC run written to " + run);
        return 0;
    }
}
