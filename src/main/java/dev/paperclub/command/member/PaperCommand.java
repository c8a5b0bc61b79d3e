package dev.paperclub.command.member;

import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.command.Reply;
import dev.paperclub.paper.Paper;
import dev.paperclub.vote.VoteService;
import java.util.function.Predicate;

/** {@code /paper}: the whole paper, with Vote / Summary / Similar buttons. */
public final class PaperCommand implements CommandHandler {
    private final PaperResolver resolver;
    private final VoteService votes;
    /** Who sees the paper's internal id: moderators, who use it in {@code /admin} and the CLI. */
    private final Predicate<Caller> moderators;

    public PaperCommand(PaperResolver resolver, VoteService votes, Predicate<Caller> moderators) {
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

    static Reply render(Paper p, Caller caller, VoteService votes, Predicate<Caller> moderators) {
        int tally = votes.tally(caller.guildId(), p.id());
        boolean voted = votes.hasVoted(caller.guildId(), p.id(), caller.userId());
        return Reply.builder()
                .card(PaperCards.full(p, tally, moderators.test(caller)))
                .row(PaperCards.actions(p, voted))
                .build();
    }
}
