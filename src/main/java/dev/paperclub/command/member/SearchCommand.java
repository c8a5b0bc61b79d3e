package dev.paperclub.command.member;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.paperclub.command.ButtonAction;
import dev.paperclub.command.ButtonHandler;
import dev.paperclub.command.ButtonId;
import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandDefinitions.OptionDef;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Echo;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Button;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.command.SinceOption;
import dev.paperclub.paper.Paper;
import dev.paperclub.search.PaperSearch;
import dev.paperclub.search.SearchHit;
import dev.paperclub.search.SearchQuery;
import dev.paperclub.search.SearchResults;
import dev.paperclub.store.PaperStore;
import dev.paperclub.vote.VoteService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /search}: ranked results with dates, upvotes, team votes and bold-matched snippets,
 * per-result Summary and Vote buttons, and Prev/Next paging. A page button carries the query
 * in its id when it fits in 100 characters; longer queries are kept for an hour under a token.
 * It also carries the member the page was built for: anyone else who presses it gets their own
 * page (with their own votes) privately, and the shared message stays as its owner left it.
 */
public final class SearchCommand implements CommandHandler, ButtonHandler {
    /** Results a member can page through; a lexical count stops being exact at 1,000 too. */
    static final int MAX_RESULTS = 1000;

    private static final int MAX_PAGES = MAX_RESULTS;

    /** What a page button needs to run the search again. */
    record State(String query, String since, int limit) {}

    private final PaperSearch search;
    private final PaperStore papers;
    private final VoteService votes;
    private final Clock clock;
    private final Cache<String, State> longQueries = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1))
            .maximumSize(10_000)
            .build();
    private final SecureRandom random = new SecureRandom();
    /** {@code /search limit}, whose declared range a page button's size keeps to as well. */
    private final OptionDef limit;

    public SearchCommand(PaperSearch search, PaperStore papers, VoteService votes, Clock clock, OptionDef limit) {
        this.limit = limit;
        this.search = search;
        this.papers = papers;
        this.votes = votes;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "search";
    }

    @Override
    public ButtonAction action() {
        return ButtonAction.PAGE;
    }

    @Override
    public boolean moderatorOnly() {
        return false;
    }

    /** The token variant of paging is answered by the same logic. */
    public ButtonHandler tokenPaging() {
        SearchCommand self = this;
        return new ButtonHandler() {
            @Override
            public ButtonAction action() {
                return ButtonAction.PAGE_TOKEN;
            }

            @Override
            public ButtonReply press(ButtonId id, Caller caller) {
                State s = self.longQueries.getIfPresent(id.arg(2));
                if (s == null) throw new CommandException("This search has expired; run `/search` again.");
                return answer(id.arg(1), self.page(s, id.intArg(0, 0, MAX_PAGES), caller), caller);
            }
        };
    }

    @Override
    public Reply handle(CommandRequest r) {
        String query = r.options().requireString("query");
        String since = r.options().string("since").orElse("");
        int limit = r.options().intOr("limit", 5);
        return page(new State(query, since, limit), 0, r.caller());
    }

    @Override
    public ButtonReply press(ButtonId id, Caller caller) {
        int page = id.intArg(0, 0, MAX_PAGES);
        int size = id.intArg(
                1,
                limit.minValue() == null ? 1 : limit.minValue().intValue(),
                limit.maxValue() == null ? MAX_RESULTS : limit.maxValue().intValue());
        String owner = id.arg(2);
        String since = id.arg(3);
        String query =
                String.join("|", id.args().subList(4, Math.max(4, id.args().size())));
        if (query.isBlank()) throw new CommandException("This button is damaged or out of date; run `/search` again.");
        return answer(owner, page(new State(query, since, size), page, caller), caller);
    }

    /** The owner's press turns their page; anyone else's answers them alone. */
    private static ButtonReply answer(String owner, Reply page, Caller caller) {
        return owner.equals(caller.userId()) ? ButtonReply.update(page) : ButtonReply.message(page.asEphemeral());
    }

    Reply page(State s, int page, Caller caller) {
        LocalDate since = null;
        if (!s.since().isBlank()) {
            try {
                since = SinceOption.parse(s.since(), clock);
            } catch (IllegalArgumentException e) {
                throw new CommandException(Echo.of(e.getMessage())); // it quotes the typed value
            }
        }
        SearchResults res = search.search(new SearchQuery(s.query(), since, s.limit(), page * s.limit()));
        String shown = "`" + PaperCards.cut(s.query().replace("`", "'"), 100) + "`";
        if (res.hits().isEmpty()) {
            if (page > 0) return Reply.ephemeral("No more results for " + shown + ".");
            Reply.Builder b = Reply.builder()
                    .content("No papers match " + shown
                            + (since != null ? " since " + since : "") + "."
                            + res.didYouMean()
                                    .map(d -> " Did you mean **" + Echo.of(d) + "**?")
                                    .orElse(" Try fewer or different words."));
            res.didYouMean().ifPresent(d -> {
                State fixed = new State(d, s.since(), s.limit());
                b.row(List.of(new Button(
                        pageId(fixed, 0, caller), "Search “" + PaperCards.cut(d, 60) + "”", Button.Style.PRIMARY)));
            });
            return b.build();
        }
        List<Paper> found =
                papers.findAll(res.hits().stream().map(SearchHit::id).toList());
        Map<String, Paper> byId = new java.util.HashMap<>();
        found.forEach(p -> byId.put(p.id(), p));
        List<String> ids = found.stream().map(Paper::id).toList();
        Map<String, Integer> tallies = votes.tallies(caller.guildId(), ids);
        Set<String> mine = votes.votedBy(caller.guildId(), caller.userId(), ids);

        List<Field> fields = new ArrayList<>();
        List<Paper> ordered = new ArrayList<>();
        int n = page * s.limit() + 1;
        for (SearchHit h : res.hits()) {
            Paper p = byId.get(h.id());
            if (p == null) continue; // removed since the index last refreshed
            ordered.add(p);
            String meta = PaperCards.metaLineWithLink(p, tallies.getOrDefault(p.id(), 0))
                    + (mine.contains(p.id()) ? " (you voted)" : "");
            String value = meta.isEmpty()
                    ? (h.snippet() == null ? "" : h.snippet())
                    : meta + (h.snippet() == null ? "" : "\n" + h.snippet());
            fields.add(new Field(PaperCards.listed(n++, p.title()), value, false));
        }
        int pages = pages(res.totalHits(), s.limit());
        String header = countLine(res, shown + (since != null ? " since " + since : ""))
                + (pages > 1 ? " — page " + (page + 1) + " of " + pages : "")
                + (res.totalHits() > (long) pages * s.limit() ? " (the best " + MAX_RESULTS + " can be paged)" : "");
        Reply.Builder b = Reply.builder().content(header).card(new Card("Search results", null, null, fields, null));
        PaperCards.summaryAndVoteRows(ordered, page * s.limit() + 1, true, mine).forEach(b::row);
        List<Button> paging = new ArrayList<>();
        if (page > 0) paging.add(new Button(pageId(s, page - 1, caller), "◀ Prev", Button.Style.SECONDARY));
        if (page + 1 < pages) paging.add(new Button(pageId(s, page + 1, caller), "Next ▶", Button.Style.SECONDARY));
        b.row(paging);
        return b.build();
    }

    /** Pages that hold results, as far as they can be paged. */
    static int pages(long total, int limit) {
        return (int) ((Math.min(total, MAX_RESULTS) + limit - 1) / limit);
    }

    /**
     * What the search found, counted as it is: "7 papers match `mamba`; 3 more are close in
     * meaning". A count that stopped early says so with "+".
     */
    public static String countLine(SearchResults res, String what) {
        long words = res.wordMatches();
        long close = res.closeInMeaning();
        String closeCount = close + (res.closeExact() ? "" : "+");
        if (words == 0) {
            return closeCount + (close == 1 ? " paper is" : " papers are") + " close in meaning to " + what;
        }
        String line = words
                + (res.wordMatchesExact() ? "" : "+")
                + (words == 1 ? " paper matches " : " papers match ")
                + what;
        if (close > 0) line += "; " + closeCount + " more " + (close == 1 ? "is" : "are") + " close in meaning";
        return line;
    }

    private String pageId(State s, int page, Caller owner) {
        ButtonId inline = ButtonId.of(ButtonAction.PAGE, page, s.limit(), owner.userId(), s.since(), s.query());
        if (inline.fits()) return inline.encode();
        byte[] t = new byte[6];
        random.nextBytes(t);
        String token = HexFormat.of().formatHex(t);
        longQueries.put(token, s);
        return ButtonId.of(ButtonAction.PAGE_TOKEN, page, owner.userId(), token).encode();
    }
}
