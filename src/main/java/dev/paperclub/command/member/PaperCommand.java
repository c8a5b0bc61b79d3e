package dev.paperclub.command.member;

import dev.paperclub.command.Authorizer;
import dev.paperclub.command.Caller;
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
    /** Decides who sees the paper's internal id: moderators, who use it in {@code /admin} and the CLI. */
    private final Authorizer moderators;

    public PaperCommand(PaperResolver resolver, VoteService votes, Authorizer moderators) {
        this.resolver = resolver;
        this.votes = votes;
        this.moderators = moderators;
    }

    @Override
    public String key() {
        return "paper";
    }

    @Override
    public Reply handle(CommandRequest r) {
        Paper p = resolver.resolve(r.options().requireString("paper"));
        return render(p, r.caller(), votes, moderators);
    }

    static Reply render(Paper p, Caller caller, VoteService votes, Authorizer moderators) {
        int tally = votes.store().tally(caller.guildId(), p.id());
        boolean voted = votes.hasVoted(caller.guildId(), p.id(), caller.userId());
        boolean moderator = moderators.refuseModerator(caller).isEmpty();
        return Reply.builder().card(PaperCards.full(p, tally, moderator)).row(PaperCards.actions(p, voted)).build();
    }
}
