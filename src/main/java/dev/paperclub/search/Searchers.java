package dev.paperclub.search;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * The searcher each call of {@link PaperSearch}, {@link SimilarPapers} and {@link TitleSuggestions}
 * uses: the index's current reader, seen with the configured BM25 parameters and searched on the
 * search threads. Built per call, so a refresh is seen at the next call and nothing is shared
 * between callers but the reader.
 */
record Searchers(PaperIndex index, SearchThreads threads, BM25Similarity similarity) {

    static Searchers of(PaperIndex index, RankingOptions options, SearchThreads threads) {
        return new Searchers(index, threads, new BM25Similarity(options.k1(), options.b()));
    }

    /** Runs {@code work} on a per-call searcher over the current reader, released afterwards. */
    <T> T with(PaperIndex.SearcherWork<T> work) {
        return index.withSearcher(shared -> {
            IndexSearcher s = threads.searcher(shared.getIndexReader());
            s.setSimilarity(similarity);
            return work.apply(s);
        });
    }
}
