/**
 * Search: the Lucene index derived from the SQLite store, and everything read from it.
 *
 * <ul>
 * <li>{@link dev.paperclub.search.PaperIndex} owns the directory, the one IndexWriter and the
 *     SearcherManager; it records the store's change sequence in each commit so the app can
 *     replay (idempotent upserts/deletes keyed on the id) or rebuild at start.</li>
 * <li>{@link dev.paperclub.search.SearchService} answers {@code /search} (BM25 over a combined
 *     title+abstract field plus a small title boost, Discord-markdown snippets, "did you mean"),
 *     {@code /similar} (MoreLikeThis), and {@code paper} option autocomplete/resolution.</li>
 * <li>{@link dev.paperclub.search.UserQueryParser} reads the search box syntax and never fails.</li>
 * <li>{@code eval.SearchEval} measures relevance on SciFact against a SQLite FTS5 baseline.</li>
 * </ul>
 */
package dev.paperclub.search;
