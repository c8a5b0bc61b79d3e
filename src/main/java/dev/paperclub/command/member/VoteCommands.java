package dev.paperclub.command.member;

import static dev.paperclub.command.PaperCards.plural;

import dev.paperclub.command.ButtonAction;
import dev.paperclub.command.ButtonHandler;
import dev.paperclub.command.ButtonId;
import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.paper.Paper;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.VoteStore;
import dev.paperclub.vote.VoteService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** {@code /vote}, {@code /unvote}, {@code /reading-list} and the Vote and Unvote buttons. */
public final class VoteCommands {
    private VoteCommands() {}

    public static List<CommandHandler> handlers(PaperResolver resolver, PaperStore papers, VoteService votes) {
        return List.of(new Vote(resolver, votes), new Unvote(resolver, votes), new ReadingList(papers, votes));
    }

    /** The Vote and Unvote buttons on paper, search and highlight cards. */
    public static List<ButtonHandler> buttons(PaperStore papers, VoteService votes) {
        return List.of(new VoteButton(papers, votes, false), new VoteButton(papers, votes, true));
    }

    static Reply voted(Paper p, VoteService.Result r, int budget) {
        String title = PaperCards.boldTitle(p);
        return switch (r.outcome()) {
            case RECORDED ->
                Reply.text("🗳️ Vote recorded for " + title + " — " + plural(r.tally(), "vote") + " now."
                        + (budget > 0
                                ? " You have " + Math.max(0, budget - r.held()) + " of " + budget
                                        + " votes left this cycle."
                                : ""));
            case ALREADY_VOTED ->
                Reply.ephemeral("You've already voted for " + title + " (" + plural(r.tally(), "vote")
                        + "). Use `/unvote` (or an Unvote button) to take it back.");
            case OVER_BUDGET ->
                Reply.ephemeral("You've used all " + budget + " of your votes this cycle. "
                        + "Use `/unvote` on one of them first (see `/reading-list`).");
            case ALREADY_READ -> Reply.ephemeral(title + " has already been read here, so it can't get votes.");
        };
    }

    private static String requireGuild(Caller c) {
        if (c.guildId() == null) throw new CommandException("Votes belong to a server: use this inside a server.");
        return c.guildId();
    }

    /** {@code /vote}. */
    static final class Vote implements CommandHandler {
        private final PaperResolver resolver;
        private final VoteService votes;

        Vote(PaperResolver resolver, VoteService votes) {
            this.resolver = resolver;
            this.votes = votes;
        }

        @Override
        public String key() {
            return "vote";
        }

        @Override
        public Reply handle(CommandRequest r) {
            Paper p = resolver.resolveForChange(r.options().requireString("paper"));
            return voted(
                    p, votes.vote(requireGuild(r.caller()), p.id(), r.caller().userId()), votes.budget());
        }
    }

    /** {@code /unvote}. */
    static final class Unvote implements CommandHandler {
        private final PaperResolver resolver;
        private final VoteService votes;

        Unvote(PaperResolver resolver, VoteService votes) {
            this.resolver = resolver;
            this.votes = votes;
        }

        @Override
        public String key() {
            return "unvote";
        }

        @Override
        public Reply handle(CommandRequest r) {
            Paper p = resolver.resolveForChange(r.options().requireString("paper"));
            VoteService.Unvote u =
                    votes.unvote(requireGuild(r.caller()), p.id(), r.caller().userId());
            String title = PaperCards.boldTitle(p);
            return u.removed()
                    ? Reply.text("Vote removed from " + title + " — " + plural(u.tally(), "vote") + " now.")
                    : Reply.ephemeral("You had no vote on " + title + ".");
        }
    }

    /** {@code /reading-list}. */
    static final class ReadingList implements CommandHandler {
        private final PaperStore papers;
        private final VoteService votes;

        ReadingList(PaperStore papers, VoteService votes) {
            this.papers = papers;
            this.votes = votes;
        }

        @Override
        public String key() {
            return "reading-list";
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = requireGuild(r.caller());
            boolean bibtex = bibtexFormat(r);
            int limit = r.options().intOr("limit", 10);
            List<VoteStore.Entry> entries = votes.readingList(guild, limit);
            if (entries.isEmpty()) {
                return Reply.text(
                        "The reading list is empty: nothing unread has votes yet. Vote with `/vote` or the Vote buttons.");
            }
            Map<String, Paper> byId = papers
                    .findAll(entries.stream().map(VoteStore.Entry::paperId).toList())
                    .stream()
                    .collect(java.util.stream.Collectors.toMap(Paper::id, Function.identity()));
            if (bibtex) return bibtex(entries, byId);
            Set<String> mine = votes.votedBy(guild, r.caller().userId(), byId.keySet());
            List<Field> fields = new ArrayList<>();
            int i = 1;
            for (VoteStore.Entry e : entries) {
                Paper p = byId.get(e.paperId());
                if (p == null) continue;
                fields.add(new Field(
                        PaperCards.listed(i++, p.title()),
                        plural(e.votes(), "vote")
                                + (mine.contains(p.id()) ? " · ✅ you voted" : "")
                                + PaperCards.link(p).map(l -> " · " + l).orElse(""),
                        false));
            }
            int held = votes.votesHeld(guild, r.caller().userId());
            String footer = votes.budget() > 0
                    ? "You hold " + held + " of " + votes.budget() + " votes this cycle."
                    : "You hold " + plural(held, "vote") + ".";
            return Reply.builder()
                    .card(new Card("Reading list — what to read next", null, null, fields, footer))
                    .build();
        }
    }

    /** The name of the file {@code /reading-list format:bibtex} attaches. */
    static final String BIBTEX_FILE = "reading-list.bib";

    /** Whether {@code format} asks for BibTeX; {@code text} (the default) does not, anything else is refused. */
    private static boolean bibtexFormat(CommandRequest r) {
        String format = r.options().string("format").orElse("text").toLowerCase(java.util.Locale.ROOT);
        return switch (format) {
            case "text" -> false;
            case "bibtex" -> true;
            default -> throw new CommandException("`format` must be `text` or `bibtex`.");
        };
    }

    /** The reading list's papers, in its order, as a {@code .bib} file: the entries the BibTeX export writes. */
    private static Reply bibtex(List<VoteStore.Entry> entries, Map<String, Paper> byId) {
        StringBuilder bib = new StringBuilder();
        int n = 0;
        for (VoteStore.Entry e : entries) {
            Paper p = byId.get(e.paperId());
            if (p == null) continue;
            bib.append(dev.paperclub.paper.BibTex.entry(p)).append('\n');
            n++;
        }
        return Reply.builder()
                .content("📚 The reading list as BibTeX: " + plural(n, "paper") + ", in list order (`" + BIBTEX_FILE
                        + "`).")
                .file(Reply.File.text(BIBTEX_FILE, bib.toString()))
                .build();
    }

    /**
     * The Vote and Unvote buttons. Vote votes as {@code /vote} does, so pressing it again (or on a
     * card someone else asked for, after voting) says so instead of taking the vote back; Unvote
     * (shown to a member who has voted) takes it back as {@code /unvote} does. Both answer the
     * presser privately with the tally.
     */
    static final class VoteButton implements ButtonHandler {
        private final PaperStore papers;
        private final VoteService votes;
        private final boolean takeBack;

        VoteButton(PaperStore papers, VoteService votes, boolean takeBack) {
            this.papers = papers;
            this.votes = votes;
            this.takeBack = takeBack;
        }

        @Override
        public ButtonAction action() {
            return takeBack ? ButtonAction.UNVOTE : ButtonAction.VOTE;
        }

        @Override
        public ButtonReply press(ButtonId id, Caller caller) {
            Paper p = papers.find(id.arg(0))
                    .orElseThrow(() -> new CommandException("That paper is no longer in the library."));
            String guild = requireGuild(caller);
            if (!takeBack)
                return ButtonReply.message(voted(p, votes.vote(guild, p.id(), caller.userId()), votes.budget())
                        .asEphemeral());
            String title = PaperCards.boldTitle(p);
            if (!votes.hasVoted(guild, p.id(), caller.userId())) {
                return ButtonReply.message(
                        Reply.ephemeral("You haven't voted for " + title + "; there is nothing to take back."));
            }
            VoteService.Unvote u = votes.unvote(guild, p.id(), caller.userId());
            return ButtonReply.message(
                    Reply.ephemeral("Vote removed from " + title + " — " + plural(u.tally(), "vote") + " now."));
        }
    }
}
