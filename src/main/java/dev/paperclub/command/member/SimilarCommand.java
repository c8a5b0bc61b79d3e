package dev.paperclub.command.member;

import dev.paperclub.command.ButtonAction;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.paper.Paper;
import dev.paperclub.search.SearchHit;
import dev.paperclub.search.SimilarPapers;
import dev.paperclub.store.PaperStore;
import dev.paperclub.vote.VoteService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /similar}: the papers most like one paper, itself excluded. */
public final class SimilarCommand implements CommandHandler {
    private final PaperResolver resolver;
    private final SimilarPapers search;
    private final PaperStore papers;
    private final VoteService votes;

    public SimilarCommand(PaperResolver resolver, SimilarPapers search, PaperStore papers, VoteService votes) {
        this.resolver = resolver;
        this.search = search;
        this.papers = papers;
        this.votes = votes;
    }

    @Override
    public String key() {
        return "similar";
    }

    @Override
    public Reply handle(CommandRequest r) {
        Paper p = resolver.resolve(r.options().requireString("paper"));
        int limit = r.options().intOr("limit", 5);
        return render(p, limit, r.caller().guildId(), search, papers, votes);
    }

    static Reply render(
            Paper p, int limit, String guildId, SimilarPapers search, PaperStore papers, VoteService votes) {
        List<SearchHit> hits = search.similar(p.id(), limit);
        if (hits.isEmpty()) {
            return Reply.text("No papers like " + PaperCards.boldTitle(p) + " yet — the corpus may be too small.");
        }
        List<Paper> found = papers.findAll(hits.stream().map(SearchHit::id).toList());
        Map<String, Integer> tallies =
                votes.tallies(guildId, found.stream().map(Paper::id).toList());
        List<Field> fields = new ArrayList<>();
        int i = 1;
        for (Paper s : found) {
            String value = PaperCards.metaLineWithLink(s, tallies.getOrDefault(s.id(), 0));
            fields.add(new Field(PaperCards.listed(i++, s.title()), value, false));
        }
        Card card = new Card(PaperCards.likeHeading(p), p.url(), null, fields, null);
        return Reply.builder()
                .card(card)
                .row(MemberButtons.perResult(ButtonAction.PAPER, found, "Open"))
                .build();
    }
}
