package dev.paperclub;

import dev.paperclub.command.PaperLookup;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.paper.Paper;
import dev.paperclub.search.PaperIndex;
import dev.paperclub.search.PaperSearch;
import dev.paperclub.search.SemanticModel;
import dev.paperclub.search.SimilarPapers;
import dev.paperclub.store.PaperStore;
import dev.paperclub.summary.SummaryService;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The library as the read-only CLI verbs see it ({@code stats}, {@code show}, {@code search},
 * {@code similar}, {@code summarize}, {@code export}): papers to count, find, list, search and
 * summarize, and nothing that changes them. {@link App#library()} hands it out.
 */
public final class Library {
    private final PaperStore papers;
    private final PaperResolver resolver;
    private final PaperIndex index;
    private final PaperSearch search;
    private final SimilarPapers similar;
    private final SummaryService summaries;
    private final SemanticModel semantic;
    private final Supplier<Map<String, Object>> stats;

    Library(
            PaperStore papers,
            PaperResolver resolver,
            PaperIndex index,
            PaperSearch search,
            SimilarPapers similar,
            SummaryService summaries,
            SemanticModel semantic,
            Supplier<Map<String, Object>> stats) {
        this.papers = papers;
        this.resolver = resolver;
        this.index = index;
        this.search = search;
        this.similar = similar;
        this.summaries = summaries;
        this.semantic = semantic;
        this.stats = stats;
    }

    /** Figures for {@code stats}: the keys are part of the CLI contract. */
    public Map<String, Object> stats() {
        return stats.get();
    }

    /** Papers in the library, removed ones excluded. */
    public int count() {
        return papers.count();
    }

    /** Papers removed by a moderator (restorable). */
    public int removedCount() {
        return papers.removedCount();
    }

    /** Every paper a member can see, in the store's order. */
    public void forEachVisible(Consumer<Paper> sink) {
        papers.forEachVisible(sink);
    }

    /** The paper {@code typed} names, found as the slash commands find a {@code paper} option. */
    public PaperLookup lookup(String typed) {
        return resolver.lookup(typed);
    }

    /** Papers in the search index that carry a vector (semantic search). */
    public int vectorCount() throws IOException {
        return index.vectorCount();
    }

    public PaperSearch search() {
        return search;
    }

    public SimilarPapers similar() {
        return similar;
    }

    public SummaryService summaries() {
        return summaries;
    }

    /** The embedding model: a one-shot verb may wait for it to load. */
    public SemanticModel semantic() {
        return semantic;
    }
}
