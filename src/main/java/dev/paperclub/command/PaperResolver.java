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
    private final PaperStore papers;
    private final SearchService search;

    public PaperResolver(PaperStore papers, SearchService search) {
        this.papers = papers;
        this.search = search;
    }

    public Paper resolve(String typed) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty()) throw new CommandException("Please name a paper: start typing its title and pick one.");
        if (t.length() > 300) t = t.substring(0, 300);
        return find(t).orElseThrow(() -> new CommandException("No paper matches “" + shorten(typed.strip())
                + "”. Try `/search " + shorten(typed.strip()) + "` to find it."));
    }

    public Optional<Paper> find(String t) {
        Optional<Paper> byId = papers.find(t);
        if (byId.isPresent()) return byId;
        Optional<String> arxiv = PaperIds.arxiv(t);
        if (arxiv.isPresent() && (t.equals(arxiv.get()) || t.contains("arxiv") || t.contains("huggingface"))) {
            Optional<Paper> p = papers.find(arxiv.get()).or(() -> papers.findByArxivId(arxiv.get()));
            if (p.isPresent()) return p;
        }
        Optional<Paper> byTitle = papers.findByTitle(t);
        if (byTitle.isPresent()) return byTitle;
        return search.resolve(t).flatMap(papers::find);
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
