package dev.paperclub.search;

import dev.paperclub.paper.Paper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Matches members' watches against papers that just arrived, with Lucene: the arrival is indexed
 * into a small in-memory index exactly as the main index writes a paper ({@code
 * PaperIndex.toDocument}, the same analyzer), and each watch's query runs over it once. A watch
 * costs one query over a few hundred documents, not a pass over every paper's text, and the
 * main index (possibly still catching up with the ingest) is not touched.
 *
 * <p>A watch is the search syntax read strictly: every word, phrase, prefix, {@code title:} and
 * {@code author:} clause must match, and no excluded one ({@link PaperQueryBuilder#allOf}).
 */
public final class ArrivalMatcher {
    private static final Set<String> ID_ONLY = Set.of(PaperFields.ID);

    private final PaperAnalyzer analyzer;
    private final PaperQueryBuilder builder;

    public ArrivalMatcher(PaperAnalyzer analyzer) {
        this.analyzer = analyzer;
        this.builder = new PaperQueryBuilder(analyzer, RankingOptions.defaults());
    }

    /**
     * Why {@code query} cannot be a watch ("it has no word to look for …"), or empty when it can.
     * A watch that could never match anything would sit silent forever.
     */
    public Optional<String> problem(String query) {
        if (query == null || query.isBlank()) return Optional.of("it is empty");
        if (query.length() > UserQueryParser.MAX_CHARS)
            return Optional.of("it is longer than " + UserQueryParser.MAX_CHARS + " characters");
        PaperQueryBuilder.Strict s = builder.allOf(UserQueryParser.parse(query));
        return s.query().isPresent() ? Optional.empty() : Optional.of(s.problem());
    }

    /**
     * For each watch (id → query) that matches some of {@code papers}, the ids of those papers
     * (in the order they were given). Watches that cannot match (see {@link #problem}) match nothing.
     */
    public Map<Long, List<String>> match(List<Paper> papers, Map<Long, String> watches) {
        if (papers.isEmpty() || watches.isEmpty()) return Map.of();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(
                    dir,
                    new IndexWriterConfig(analyzer)
                            .setCommitOnClose(true)
                            .setRAMBufferSizeMB(64)
                            .setUseCompoundFile(false))) {
                DocumentAnalysis words = new DocumentAnalysis(analyzer);
                for (Paper p : papers) writer.addDocument(PaperIndex.toDocument(p, null, words));
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setQueryCache(null); // each query runs once
                String[][] ids = paperIds(reader);
                Map<Long, List<String>> out = new LinkedHashMap<>();
                for (Map.Entry<Long, String> w : watches.entrySet()) {
                    Optional<Query> q =
                            builder.allOf(UserQueryParser.parse(w.getValue())).query();
                    if (q.isEmpty()) continue;
                    List<String> hits = matching(searcher, q.get(), ids);
                    if (!hits.isEmpty()) out.put(w.getKey(), hits);
                }
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("matching watches in memory failed", e);
        }
    }

    /** Each leaf's paper ids by document, read once: a stored-fields read per hit would decompress a block each time. */
    private static String[][] paperIds(DirectoryReader reader) throws IOException {
        String[][] ids = new String[reader.leaves().size()][];
        for (LeafReaderContext leaf : reader.leaves()) {
            StoredFields stored = leaf.reader().storedFields();
            String[] leafIds = new String[leaf.reader().maxDoc()];
            for (int doc = 0; doc < leafIds.length; doc++)
                leafIds[doc] = stored.document(doc, ID_ONLY).get(PaperFields.ID);
            ids[leaf.ord] = leafIds;
        }
        return ids;
    }

    /** The ids of every document the query matches, unscored, in document order. */
    private static List<String> matching(IndexSearcher searcher, Query query, String[][] ids) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        List<String> hits = new ArrayList<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) continue;
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                hits.add(ids[leaf.ord][doc]);
            }
        }
        return hits;
    }
}
