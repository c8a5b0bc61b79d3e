package dev.paperclub.command.member;

import dev.paperclub.command.ButtonAction;
import dev.paperclub.command.ButtonHandler;
import dev.paperclub.command.ButtonId;
import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandException;
import dev.paperclub.paper.Paper;
import dev.paperclub.search.SimilarPapers;
import dev.paperclub.store.NoteStore;
import dev.paperclub.store.PaperStore;
import dev.paperclub.summary.SummaryService;
import dev.paperclub.vote.VoteService;
import java.util.List;
import java.util.function.Predicate;

/** The per-paper buttons: open the paper, its summary, or similar papers; answered privately. */
public final class PaperButtons {
    private PaperButtons() {}

    public static List<ButtonHandler> all(
            PaperStore papers,
            SimilarPapers search,
            SummaryService summaries,
            VoteService votes,
            NoteStore notes,
            Predicate<Caller> moderators) {
        return List.of(
                simple(ButtonAction.PAPER, papers, (p, c) -> PaperCommand.render(p, c, votes, notes, moderators)),
                simple(
                        ButtonAction.SUMMARY,
                        papers,
                        (p, c) ->
                                SummarizeCommand.render(p, summaries, votes.hasVoted(c.guildId(), p.id(), c.userId()))),
                simple(
                        ButtonAction.SIMILAR,
                        papers,
                        (p, c) -> SimilarCommand.render(p, 5, c.guildId(), search, papers, votes)));
    }

    private interface Render {
        dev.paperclub.command.Reply render(Paper p, Caller c);
    }

    private static ButtonHandler simple(ButtonAction action, PaperStore papers, Render render) {
        return new ButtonHandler() {
            @Override
            public ButtonAction action() {
                return action;
            }

            @Override
            public ButtonReply press(ButtonId id, Caller caller) {
                Paper p = papers.find(id.arg(0))
                        .orElseThrow(() -> new CommandException(
                                "That paper is no longer in the library (it may have been removed)."));
                return ButtonReply.message(render.render(p, caller).asEphemeral());
            }
        };
    }
}
