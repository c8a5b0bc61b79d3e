package dev.paperclub.command;

import dev.paperclub.paper.Paper;
import dev.paperclub.paper.PaperIds;
import dev.paperclub.search.SearchService;
import dev.paperclub.search.Suggestion;
import dev.paperclub.store.PaperStore;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a member typed into a {@code paper} option into a paper: an id (as autocomplete
 * sends), an arXiv id or URL, an exact title, or else the best title match; otherwise a clear
 * "no such paper" that suggests a search.
 */
public final class PaperResolver {
    /** Longest typed text looked at (a title is far shorter). */
    private static final int MAX_TYPED = 300;
    private final PaperStore papers;
    private final SearchService search;

    public PaperResolver(PaperStore papers, SearchService search) {
        this.papers = papers;
        this.search = search;
    }

    public Paper resolve(String typed) {
        String t = required(typed);
        return find(t).orElseThrow(() -> new CommandException("No paper matches “" + shorten(typed.strip())
                + "”. Try `/search " + shorten(typed.strip()) + "` to find it."));
    }

    /**
     * For commands that change something (votes, moderation): only a paper named without doubt
     * is acted on (its id, arXiv id or URL, exact title, or the one title that every typed word
     * starts a word of). A looser match is offered as "did you mean", never taken: voting for or
     * removing the wrong paper is worse than asking again.
     */
    public Paper resolveForChange(String typed) {
        String t = required(typed);
        Optional<Paper> sure = named(t);
        if (sure.isPresent()) return sure.get();
        List<Suggestion> typedWords = search.suggest(t, 2);
        Optional<Paper> guess = typedWords.isEmpty() ? search.resolve(t).flatMap(papers::find)
                : papers.find(typedWords.get(0).value());
        if (typedWords.size() == 1 && guess.isPresent()) return guess.get();
        String shown = Echo.of(shorten(t));
        if (guess.isPresent()) {
            throw new CommandException((typedWords.size() > 1 ? "“" + shown + "” matches several papers. " : "No paper is called “" + shown + "”. ")
                    + "Did you mean **" + Echo.of(shorten(guess.get().title())) + "** (`" + guess.get().id() + "`)? "
                    + "Pick it from the choices as you type, or give its id.");
        }
        throw new CommandException("No paper matches “" + shown + "”. Try `/search " + shorten(t).replace('`', '\'') + "` to find it.");
    }

    /** The paper {@code typed} names, or its best title match; empty when nothing fits (or nothing was typed). */
    public Optional<Paper> find(String typed) {
        String t = cut(typed);
        if (t.isEmpty()) return Optional.empty();
        Optional<Paper> sure = named(t);
        if (sure.isPresent()) return sure;
        return search.resolve(t).flatMap(papers::find);
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
        // an arXiv id (any version), or one inside an arXiv / HF link or "arXiv:…"; not digits inside a title
        boolean link = t.toLowerCase(java.util.Locale.ROOT).contains("arxiv") || t.contains("huggingface");
        Optional<String> arxiv = link ? PaperIds.arxiv(t) : PaperIds.wholeArxiv(t);
        if (arxiv.isPresent()) {
            Optional<Paper> p = papers.find(arxiv.get()).or(() -> papers.findByArxivId(arxiv.get()));
            if (p.isPresent()) return p;
        }
        return papers.findByTitle(t);
    }

    /** Autocomplete choices: names ≤ 100 characters, values are ids. */
    public List<Choice> suggest(String typed, int limit) {
        List<Suggestion> s = search.suggest(typed, Math.min(limit, 25));
        return s.stream().map(x -> new Choice(x.name(), x.value())).toList();
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 79) + "…";
    }
}
