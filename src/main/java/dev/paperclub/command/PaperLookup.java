package dev.paperclub.command;

import dev.paperclub.paper.Paper;
import dev.paperclub.search.TitleMatch;
import java.util.List;

/**
 * What a typed {@code paper} option names, before any command acts on it. Each command turns
 * it into its own answer: a read-only one shows a {@link Found} paper, a changing one only a
 * {@link Found#sure() sure} one; both offer {@link Ambiguous} papers as "did you mean".
 */
public sealed interface PaperLookup {

    /** One paper, found at {@code level}, where {@code matching} papers match at all. */
    record Found(Paper paper, TitleMatch.Level level, long matching) implements PaperLookup {
        /**
         * Named without doubt: its id, arXiv id or URL, exact title, or the only title that every
         * typed word starts a word of. Otherwise it is the best of looser matches.
         */
        public boolean sure() {
            return level == TitleMatch.Level.EXACT || (level == TitleMatch.Level.WORD_STARTS && matching == 1);
        }
    }

    /** Several papers match equally well (by upvotes, then date; at most {@value Choice#MAX}). */
    record Ambiguous(List<Paper> papers) implements PaperLookup {
        public Ambiguous {
            papers = List.copyOf(papers);
        }
    }

    /** Only removed papers match (search no longer has them); {@code /admin restore} brings one back. */
    record Removed(List<Paper> papers) implements PaperLookup {
        public Removed {
            papers = List.copyOf(papers);
        }
    }

    /** Nothing matches, visible or removed. */
    record NotFound() implements PaperLookup {}
}
