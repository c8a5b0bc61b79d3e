package dev.paperclub.command;

import dev.paperclub.paper.Paper;
import dev.paperclub.paper.PaperIds;
import dev.paperclub.paper.TextNormalizer;
import dev.paperclub.search.Suggestion;
import dev.paperclub.search.TitleMatch;
import dev.paperclub.search.TitleSuggestions;
import dev.paperclub.store.PaperChange;
import dev.paperclub.store.PaperStore;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a member typed into a {@code paper} option into a paper: an id (as autocomplete
 * sends), an arXiv id or URL, an exact title, or else the best title match, misspellings
 * included. Several titles that match equally well are offered as "did you mean", never
 * picked; a removed paper is named as removed, with how to restore it; otherwise a clear "no
 * such paper" that suggests a search.
 */
public final class PaperResolver {
    /** Longest typed text looked at (a title is far shorter). */
    private static final int MAX_TYPED = 300;
    /** Titles offered at most in one "did you mean" (more would bury the one the member meant). */
    private static final int OFFERED = 8;

    private final PaperStore papers;
    private final TitleSuggestions titles;

    public PaperResolver(PaperStore papers, TitleSuggestions titles) {
        this.papers = papers;
        this.titles = titles;
    }

    /** For commands that only read: the paper {@code typed} names, or its one best title match. */
    public Paper resolve(String typed) {
        String t = required(typed);
        PaperLookup found = lookup(t);
        if (found instanceof PaperLookup.Found f) return f.paper();
        throw new CommandException(notOne(t, found));
    }

    /**
     * For commands that change something (votes, moderation): only a paper named without doubt
     * is acted on (its id, arXiv id or URL, exact title, or the one title that every typed word
     * starts a word of). A looser match is offered as "did you mean", never taken: voting for or
     * removing the wrong paper is worse than asking again.
     */
    public Paper resolveForChange(String typed) {
        String t = required(typed);
        PaperLookup found = lookup(t);
        if (!(found instanceof PaperLookup.Found f)) throw new CommandException(notOne(t, found));
        if (f.sure()) return f.paper();
        String shown = Echo.of(shorten(t));
        boolean several = f.level() == TitleMatch.Level.WORD_STARTS && f.matching() > 1;
        throw new CommandException(
                (several ? "“" + shown + "” matches several papers. " : "No paper is called “" + shown + "”. ")
                        + "Did you mean " + PaperCards.boldName(f.paper()) + "? "
                        + "Pick it from the choices as you type, or give its full title.");
    }

    /** Why {@code found} names no one paper, for a member. */
    private static String notOne(String t, PaperLookup found) {
        if (found instanceof PaperLookup.Ambiguous a) return ambiguous(t, a);
        if (found instanceof PaperLookup.Removed r) return removed(t, r);
        return notFound(t);
    }

    /**
     * What {@code typed} names, in this order: a visible paper named exactly, a removed paper
     * named exactly, the best title matches among visible papers (tied ones all offered), removed
     * papers whose title contains the typed one (as {@code /admin restore} lists them), and last
     * titles spelled like it. A misspelling never wins over a paper that was removed.
     */
    public PaperLookup lookup(String typed) {
        String t = cut(typed);
        if (t.isEmpty()) return new PaperLookup.NotFound();
        Optional<Paper> sure = named(t);
        if (sure.isPresent()) return new PaperLookup.Found(sure.get(), TitleMatch.Level.EXACT, 1);
        Optional<Paper> removed = namedRemoved(t);
        if (removed.isPresent()) return new PaperLookup.Removed(List.of(removed.get()));
        TitleMatch match = titles.match(t);
        if (match.level() != TitleMatch.Level.SPELLING && match.level() != TitleMatch.Level.NONE) return of(match);
        List<Paper> removedTitles =
                TextNormalizer.titleKey(t).isEmpty() ? List.of() : papers.findRemoved(t, Choice.MAX);
        if (!removedTitles.isEmpty()) return new PaperLookup.Removed(removedTitles);
        return of(match);
    }

    /** The lookup a title match amounts to. */
    private PaperLookup of(TitleMatch match) {
        List<Paper> best =
                papers.findAll(match.best().stream().map(Suggestion::value).toList());
        if (best.isEmpty()) return new PaperLookup.NotFound();
        if (best.size() > 1) return new PaperLookup.Ambiguous(best);
        return new PaperLookup.Found(best.get(0), match.level(), match.matching());
    }

    /** The paper {@code typed} names, or its best title match; empty when nothing fits (or nothing was typed). */
    public Optional<Paper> find(String typed) {
        return lookup(typed) instanceof PaperLookup.Found f ? Optional.of(f.paper()) : Optional.empty();
    }

    private static String ambiguous(String t, PaperLookup.Ambiguous a) {
        int n = a.papers().size();
        return "“" + Echo.of(shorten(t)) + "” matches " + (n < Choice.MAX ? "" : "at least ") + n
                + " papers equally well. Did you mean " + titles(a.papers())
                + "? Pick one from the choices as you type, or type more of its title.";
    }

    private static String removed(String t, PaperLookup.Removed r) {
        String restore = "`/admin restore paper:" + shorten(t).replace("`", "'") + "`";
        if (r.papers().size() == 1) {
            return PaperCards.boldName(r.papers().get(0)) + " was removed from the library, so it is hidden. "
                    + "A moderator can bring it back with " + restore + ".";
        }
        return "“" + Echo.of(shorten(t)) + "” matches only removed papers: " + titles(r.papers()) + ". "
                + "A moderator can bring one back with `/admin restore` (its choices list the removed papers).";
    }

    private static String notFound(String t) {
        String shown = shorten(t);
        return "No paper matches “" + Echo.of(shown) + "”. Try `/search " + shown.replace('`', '\'') + "` to find it.";
    }

    /** "**A**, **B** or **C**", or "**A**, …, **H** or one of 4 more" past {@value #OFFERED} titles. */
    public static String titles(List<Paper> list) {
        List<String> bold =
                list.stream().limit(OFFERED).map(PaperCards::boldName).toList();
        if (list.size() > OFFERED) {
            // lists stop at autocomplete's 25: a full one may have more
            return String.join(", ", bold) + " or one of " + (list.size() < Choice.MAX ? "" : "at least ")
                    + (list.size() - OFFERED) + " more";
        }
        if (bold.size() == 1) return bold.get(0);
        return String.join(", ", bold.subList(0, bold.size() - 1)) + " or " + bold.get(bold.size() - 1);
    }

    /** What was typed, stripped and cut to {@value #MAX_TYPED} characters. */
    private static String cut(String typed) {
        String t = typed == null ? "" : typed.strip();
        return t.length() > MAX_TYPED ? t.substring(0, MAX_TYPED) : t;
    }

    private static String required(String typed) {
        String t = cut(typed);
        if (t.isEmpty()) throw new CommandException("Please name a paper: start typing its title and pick one.");
        return t;
    }

    /** A paper named exactly: by id, arXiv id or URL (any version), or normalized title. */
    private Optional<Paper> named(String t) {
        Optional<Paper> byId = papers.find(t);
        if (byId.isPresent()) return byId;
        Optional<String> arxiv = arxivIn(t);
        if (arxiv.isPresent()) {
            Optional<Paper> p = papers.find(arxiv.get()).or(() -> papers.findByArxivId(arxiv.get()));
            if (p.isPresent()) return p;
        }
        return papers.findByTitle(t);
    }

    /** An arXiv id (any version), or one inside an arXiv / HF link or "arXiv:…"; not digits inside a title. */
    private static Optional<String> arxivIn(String t) {
        boolean link = t.toLowerCase(java.util.Locale.ROOT).contains("arxiv") || t.contains("huggingface");
        return link ? PaperIds.arxiv(t) : PaperIds.wholeArxiv(t);
    }

    /** A removed paper named exactly: by id, arXiv id or URL, or normalized title (and no visible paper has that title). */
    private Optional<Paper> namedRemoved(String t) {
        return papers.findAny(t)
                .or(() -> arxivIn(t).flatMap(papers::findAny))
                .or(() -> papers.findAnyByTitle(t))
                .filter(PaperChange::removed)
                .map(PaperChange::paper);
    }

    /** Autocomplete choices: names ≤ 100 characters, values are ids. */
    public List<Choice> suggest(String typed, int limit) {
        List<Suggestion> s = titles.suggest(typed, Math.min(limit, Choice.MAX));
        return s.stream().map(x -> new Choice(x.name(), x.value())).toList();
    }

    /** Typed text shortened like a named title ({@link PaperCards#boldName}), to sit in a sentence. */
    private static String shorten(String s) {
        return PaperCards.cut(s, PaperCards.NAMED_TITLE_CHARS);
    }
}
