package dev.paperclub.search;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * The searcher each call of {@link PaperSearch}, {@link SimilarPapers} and {@link TitleSuggestions}
 * uses: the index's current reader, seen with the configured BM25 parameters and searched on the
 * search threads. Built per call, so a refresh is seen at the next call and nothing is shared
 * between callers but the reader.
 */
final class Searchers {
    private final PaperIndex index;
    private final SearchThreads threads;
    private final BM25Similarity similarity;

    Searchers(PaperIndex index, RankingOptions options, SearchThreads threads) {
        this.index = index;
        this.threads = threads;
        this.similarity = new BM25Similarity(options.k1(), options.b());
    }

    /** Runs {@code work} on a per-call searcher over the current reader, released afterwards. */
    <T> T with(PaperIndex.SearcherWork<T> work) {
        return index.withSearcher(shared -> work.apply(of(shared)));
    }

    /** A per-call searcher over the shared one's reader, so the BM25 parameters and threads apply. */
    IndexSearcher of(IndexSearcher shared) {
        IndexSearcher s = threads.searcher(shared.getIndexReader());
        s.setSimilarity(similarity);
        return s;
    }

    /** Threads one search may use, the caller's included. */
    int threads() {
        return threads.threads();
    }
}
