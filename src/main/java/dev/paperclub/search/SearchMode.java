package dev.paperclub.search;

/** How {@link SearchService} ranks: words only (BM25), meaning only (vectors), or both fused. */
public enum SearchMode {
    LEXICAL, DENSE, HYBRID
}
