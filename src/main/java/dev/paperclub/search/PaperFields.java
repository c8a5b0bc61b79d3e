package dev.paperclub.search;

/**
 * Names of the index fields. One place, because the index writer, the query builder, the
 * highlighter, MoreLikeThis and the suggester must agree on them.
 */
final class PaperFields {
    /** Paper id: indexed untokenized (the update key) and stored. */
    static final String ID = "id";
    /** Title: English analysis (no offsets: the highlighter re-analyses), stored. */
    static final String TITLE = "title";
    /** Abstract: stored only (snippets re-analyse it; ranking and MoreLikeThis read {@link #TEXT}). */
    static final String ABSTRACT = "abstract";
    /** Title and abstract as one English-analyzed field: the main ranking field. Not stored. */
    static final String TEXT = "text";
    /** Author names, one value per author, lowercased and folded, no stemming. */
    static final String AUTHOR = "author";
    /** Unstemmed lowercase words of title and abstract: the dictionary for "did you mean". */
    static final String WORDS = "words";
    /**
     * Each title word's first one to {@value #SHORT_GRAM} characters and the whole word:
     * infix-of-words autocomplete (a longer typed word is a prefix query over the whole words).
     */
    static final String TITLE_PREFIX = "title_prefix";
    /**
     * The whole normalized title: exact-title resolution (its term), and "title starts with what
     * was typed" (its doc values, read only for papers the typed words already matched).
     */
    static final String TITLE_KEY = "title_key";
    /** Publication date as epoch day: points for {@code since}, doc values for sorting. */
    static final String PUBLISHED = "published";
    /** HF upvotes as doc values: tie-breaking autocomplete and "popular" lists. */
    static final String UPVOTES = "upvotes";

    /** Sentence embedding of title + abstract (cosine), when the paper has one. */
    static final String VECTOR = "vector";

    /** Typed words and title starts are cut to this many characters. */
    static final int MAX_GRAM = 20;

    /**
     * Longest edge n-gram indexed for autocomplete: a typed word this long or shorter is one
     * term; a longer one expands over the whole words it starts. Indexing every n-gram up to
     * {@link #MAX_GRAM} cost a fifth of the indexing time.
     */
    static final int SHORT_GRAM = 3;

    private PaperFields() {}
}
