package dev.paperclub.search;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Papers like a given one ({@code /similar}): MoreLikeThis over its title and abstract, blended
 * with its nearest neighbours by vector when the {@link SemanticModel} is on and the paper has a
 * vector, as {@link PaperSearch} blends words with meaning.
 */
public final class SimilarPapers {
    /** Most papers one call returns. */
    private static final int MAX_HITS = 100;

    private final Searchers searchers;
    private final PaperAnalyzer analyzer;
    private final RankingOptions options;
    private final SemanticModel semantic;

    public SimilarPapers(PaperIndex index, RankingOptions options, SemanticModel semantic, SearchThreads threads) {
        this.searchers = Searchers.of(index, options, threads);
        this.analyzer = index.analyzer();
        this.options = options;
        this.semantic = semantic;
    }

    /** By words only, default ranking, on the calling thread. */
    public SimilarPapers(PaperIndex index) {
        this(index, RankingOptions.defaults(), SemanticModel.disabled(), SearchThreads.none());
    }

    /** Papers most like the given one by title and abstract, itself excluded; empty for an unknown id. */
    public List<SearchHit> similar(String paperId, int limit) {
        if (paperId == null || limit < 1) return List.of();
        int n = Math.min(limit, MAX_HITS);
        return searchers.with(searcher -> {
            TopDocs self = searcher.search(new TermQuery(new Term(PaperFields.ID, paperId)), 1);
            if (self.scoreDocs.length == 0) return List.of();
            int selfDoc = self.scoreDocs[0].doc;
            Query query = moreLikeThis(searcher, selfDoc, paperId);
            Optional<float[]> vector = semantic.enabled() ? vectorOf(searcher, selfDoc) : Optional.empty();
            ScoreDoc[] ranked = vector.isEmpty()
                    ? searcher.search(query, n).scoreDocs
                    : blended(searcher, query, vector.get(), paperId, n);
            return toHits(searcher, Arrays.copyOf(ranked, Math.min(n, ranked.length)));
        });
    }

    /** Papers sharing the paper's telling words, the paper itself excluded. */
    private Query moreLikeThis(IndexSearcher searcher, int selfDoc, String paperId) throws IOException {
        MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
        mlt.setAnalyzer(analyzer);
        // The combined field, as ranking uses it: read from the stored title and abstract.
        mlt.setFieldNames(new String[] {PaperFields.TEXT});
        // Defaults (minTermFreq 2, minDocFreq 5) find nothing in a club's few hundred papers.
        mlt.setMinTermFreq(1);
        // A term only this paper has cannot lead to a neighbour but would win on idf.
        mlt.setMinDocFreq(2);
        mlt.setMaxDocFreqPct(50);
        mlt.setMaxQueryTerms(30);
        mlt.setMinWordLen(2);
        mlt.setBoost(true);
        Document selfFields =
                searcher.storedFields().document(selfDoc, Set.of(PaperFields.TITLE, PaperFields.ABSTRACT));
        Query like = mlt.like(
                PaperFields.TEXT,
                new StringReader(PaperIndex.combinedText(
                        selfFields.get(PaperFields.TITLE), selfFields.get(PaperFields.ABSTRACT))));
        return new BooleanQuery.Builder()
                .add(like, Occur.MUST)
                .add(notSelf(paperId), Occur.MUST_NOT)
                .build();
    }

    /** Nearest neighbours by vector blended with MoreLikeThis, as search blends them with BM25. */
    private ScoreDoc[] blended(IndexSearcher searcher, Query byWords, float[] vector, String paperId, int n)
            throws IOException {
        int k = Math.max(n, options.candidates());
        TopDocs words = searcher.search(byWords, k);
        Query others = new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), Occur.FILTER)
                .add(notSelf(paperId), Occur.MUST_NOT)
                .build();
        TopDocs meaning = searcher.search(new KnnFloatVectorQuery(PaperFields.VECTOR, vector, k, others), k);
        return HybridBlend.blend(searcher, byWords, words.scoreDocs, meaning.scoreDocs, vector, options.denseWeight())
                .ranked();
    }

    private static Query notSelf(String paperId) {
        return new TermQuery(new Term(PaperFields.ID, paperId));
    }

    private static Optional<float[]> vectorOf(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(PaperFields.VECTOR);
        int local = doc - leaf.docBase;
        if (values == null || values.advance(local) != local) return Optional.empty();
        return Optional.of(values.vectorValue().clone());
    }

    private static List<SearchHit> toHits(IndexSearcher searcher, ScoreDoc[] docs) throws IOException {
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(docs.length);
        for (ScoreDoc sd : docs) {
            Document d = stored.document(sd.doc, Set.of(PaperFields.ID, PaperFields.TITLE));
            hits.add(new SearchHit(d.get(PaperFields.ID), d.get(PaperFields.TITLE), sd.score, ""));
        }
        return hits;
    }
}
