/**
 * Search: the Lucene index derived from the SQLite store, and everything read from it.
 *
 * <p><b>The index.</b>
 * <ul>
 * <li>{@link dev.paperclub.search.PaperIndex} owns the directory, the one IndexWriter and the
 *     SearcherManager; it records the store's change sequence in each commit.
 *     {@link dev.paperclub.search.IndexSync} keeps it in step with the store: at start it replays
 *     the changes after that sequence (idempotent upserts and deletes keyed on the id) or rebuilds.</li>
 * <li>{@code PaperFields} names the fields; {@link dev.paperclub.search.PaperAnalyzer} is the one
 *     analyzer (indexing, queries, highlighting, MoreLikeThis, spelling), with
 *     {@link dev.paperclub.search.AnalysisOptions}; {@code DocumentAnalysis} tokenizes a paper
 *     once for all its fields; {@code TitleKeys} normalizes titles for exact matching.</li>
 * <li>{@code IndexDamage} tells a damaged index (set aside and rebuilt) from one in use
 *     ({@link dev.paperclub.search.IndexInUseException}); {@code IndexPrefetch} reads ahead what
 *     opening a large index reads.</li>
 * </ul>
 *
 * <p><b>Reading it.</b>
 * <ul>
 * <li>{@link dev.paperclub.search.PaperSearch} answers {@code /search}: BM25 over a combined
 *     title+abstract field with a title boost, blended with vectors when they are on, a
 *     "close in meaning" floor, Discord-markdown snippets ({@code MarkdownSnippetFormatter}) and
 *     "did you mean"; also which papers a query's words match. The search box syntax is read by
 *     {@link dev.paperclub.search.UserQueryParser} (never fails) and turned into Lucene queries by
 *     {@code PaperQueryBuilder}; {@link dev.paperclub.search.SearchQuery} goes in,
 *     {@link dev.paperclub.search.SearchResults} of {@link dev.paperclub.search.SearchHit}s come out;
 *     {@link dev.paperclub.search.RankingOptions} holds the knobs and
 *     {@link dev.paperclub.search.SearchMode} picks words, meaning or both.</li>
 * <li>{@link dev.paperclub.search.SimilarPapers} answers {@code /similar}: MoreLikeThis blended with
 *     the paper's nearest neighbours by vector.</li>
 * <li>{@link dev.paperclub.search.TitleSuggestions} answers {@code paper} option autocomplete
 *     ({@link dev.paperclub.search.Suggestion}s) and resolves a typed title
 *     ({@link dev.paperclub.search.TitleMatch}); how many choices and how long a name are the
 *     caller's limits.</li>
 * <li>All three search on a per-call searcher ({@code Searchers}: the BM25 parameters and the
 *     {@link dev.paperclub.search.SearchThreads}) and blend words with meaning the same way
 *     ({@code HybridBlend}).</li>
 * </ul>
 *
 * <p><b>Vectors.</b> {@link dev.paperclub.search.SemanticModel} is the embedding model as search
 * sees it (disabled, loading, failed or ready); {@link dev.paperclub.search.Embedder} is a model,
 * {@link dev.paperclub.search.MiniLmEmbedder} the one shipped; {@link dev.paperclub.search.PaperVectors}
 * turns a paper into one vector, and {@link dev.paperclub.search.VectorWorker} fills vectors in
 * the background after ingest.
 *
 * <p>Relevance is measured on SciFact by {@code eval.SearchEval} in the test sources; the
 * figures are in the README.
 */
package dev.paperclub.search;
