package dev.paperclub.search;

/** How {@link PaperSearch} ranks: words only (BM25), meaning only (vectors), or both fused. */
public enum SearchMode {
    LEXICAL,
    DENSE,
    HYBRID
}
