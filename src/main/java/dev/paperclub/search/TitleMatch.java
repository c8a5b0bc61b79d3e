package dev.paperclub.search;

import java.util.List;

/**
 * How a typed paper reference matched the titles of the index: at which {@link Level} (the
 * first that found anything), the papers tied for the best match there, best first by upvotes
 * then date, and how many papers match at that level at all. A caller tells one paper from
 * several equally good ones by {@code best.size()}, and a title named without doubt by
 * {@code matching == 1}.
 *
 * @param best     the papers tied for the best match, at most the choices a list holds ({@link TitleSuggestions})
 * @param matching papers matching at this level, tied or not (a lower bound past 1,000)
 */
public record TitleMatch(Level level, List<Suggestion> best, long matching) {

    /** Strictest first: resolution stops at the first level that finds a paper. */
    public enum Level {
        /** Nothing matched. */
        NONE,
        /** The paper's id, or its whole title (normalized). */
        EXACT,
        /** Every typed word starts a word of the title (as autocomplete lists them). */
        WORD_STARTS,
        /** Most typed words are words of the title. */
        TITLE_WORDS,
        /** The typed words are close in spelling to words of the title (Lucene's fuzzy matching). */
        SPELLING
    }

    public TitleMatch {
        best = List.copyOf(best);
    }

    static TitleMatch none() {
        return new TitleMatch(Level.NONE, List.of(), 0);
    }
}
