package dev.paperclub.command.member;

import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.command.Reply;
import dev.paperclub.paper.Paper;
import dev.paperclub.vote.VoteService;

/** {@code /paper}: the whole paper, with Vote / Summary / Similar buttons. */
public final class PaperCommand implements CommandHandler {
    private final PaperResolver resolver;
    private final VoteService votes;

    public PaperCommand(PaperResolver resolver, VoteService votes) {
        this.resolver = resolver;
        this.votes = votes;
    }

    @Override
    public String key() {
        return "paper";
    }

    @Override
    public Reply handle(CommandRequest r) {
        Paper p = resolver.resolve(r.options().requireString("paper"));
        return render(p, r.caller().guildId(), r.caller().userId(), votes);
    }

    static Reply render(Paper p, String guildId, String userId, VoteService votes) {
        int tally = votes.store().tally(guildId, p.id());
        boolean voted = votes.hasVoted(guildId, p.id(), userId);
        return Reply.builder().card(PaperCards.full(p, tally)).row(PaperCards.actions(p, voted)).build();
    }
}
