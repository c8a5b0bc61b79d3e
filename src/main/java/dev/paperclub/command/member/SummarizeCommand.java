package dev.paperclub.command.member;

import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.command.Reply;
import dev.paperclub.paper.Paper;
import dev.paperclub.summary.Summary;
import dev.paperclub.summary.SummaryException;
import dev.paperclub.summary.SummaryService;
import dev.paperclub.vote.VoteService;

/** {@code /summarize}: TL;DR, key points and keywords extracted from the abstract. */
public final class SummarizeCommand implements CommandHandler {
    private final PaperResolver resolver;
    private final SummaryService summaries;
    private final VoteService votes;

    public SummarizeCommand(PaperResolver resolver, SummaryService summaries, VoteService votes) {
        this.resolver = resolver;
        this.summaries = summaries;
        this.votes = votes;
    }

    @Override
    public String key() {
        return "summarize";
    }

    @Override
    public Reply handle(CommandRequest r) {
        Paper p = resolver.resolve(r.options().requireString("paper"));
        return render(
                p,
                summaries,
                votes.hasVoted(r.caller().guildId(), p.id(), r.caller().userId()));
    }

    static Reply render(Paper p, SummaryService summaries, boolean voted) {
        Summary s;
        try {
            s = summaries.summarize(p.id(), p.title(), p.abstractText());
        } catch (SummaryException e) {
            throw new CommandException(e.getMessage());
        }
        return Reply.builder()
                .card(PaperCards.summary(p, s))
                .row(PaperCards.actions(p, voted))
                .build();
    }
}
