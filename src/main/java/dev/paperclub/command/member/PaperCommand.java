package dev.paperclub.command.member;

import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.paper.Paper;
import dev.paperclub.store.NoteStore;
import dev.paperclub.vote.VoteService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** {@code /paper}: the whole paper and this server's notes on it, with Vote / Summary / Similar buttons. */
public final class PaperCommand implements CommandHandler {
    private final PaperResolver resolver;
    private final VoteService votes;
    private final NoteStore notes;
    /** Who sees the paper's internal id: moderators, who use it in {@code /admin} and the CLI. */
    private final Predicate<Caller> moderators;

    public PaperCommand(PaperResolver resolver, VoteService votes, NoteStore notes, Predicate<Caller> moderators) {
        this.resolver = resolver;
        this.votes = votes;
        this.notes = notes;
        this.moderators = moderators;
    }

    @Override
    public String key() {
        return "paper";
    }

    @Override
    public Reply handle(CommandRequest r) {
        Paper p = resolver.resolve(r.options().requireString("paper"));
        return render(p, r.caller(), votes, notes, moderators);
    }

    static Reply render(Paper p, Caller caller, VoteService votes, NoteStore notes, Predicate<Caller> moderators) {
        int tally = votes.tally(caller.guildId(), p.id());
        boolean voted = votes.hasVoted(caller.guildId(), p.id(), caller.userId());
        Card card = PaperCards.full(p, tally, moderators.test(caller));
        List<Field> fields = new ArrayList<>(card.fields());
        NoteCommands.paperField(notes, caller.guildId(), p.id()).ifPresent(fields::add);
        return Reply.builder()
                .card(new Card(card.title(), card.url(), card.description(), fields, card.footer()))
                .row(PaperCards.actions(p, voted))
                .build();
    }
}
