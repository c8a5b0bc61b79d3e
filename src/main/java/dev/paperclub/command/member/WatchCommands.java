package dev.paperclub.command.member;

import dev.paperclub.command.ButtonAction;
import dev.paperclub.command.ButtonHandler;
import dev.paperclub.command.ButtonId;
import dev.paperclub.command.Caller;
import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.ChannelGateway.PostException;
import dev.paperclub.command.Choice;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Echo;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.paper.Paper;
import dev.paperclub.search.ArrivalMatcher;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.WatchStore;
import dev.paperclub.store.WatchStore.AddOutcome;
import dev.paperclub.store.WatchStore.DirectMessageFailure;
import dev.paperclub.store.WatchStore.Watch;
import dev.paperclub.vote.VoteService;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /watch add|list|remove}: a member's saved searches in a server, which bring them a
 * direct message when new papers match ({@code watch/WatchService}); and the Vote button of that
 * message, which carries its server because a direct message has none.
 */
public final class WatchCommands {
    /** Watches a member may keep in one server: enough for a few topics and authors, and all fit one autocomplete list. */
    public static final int MAX_PER_MEMBER = Choice.MAX;

    /** A watch's query in {@code /watch list}, shortened to this many characters. */
    static final int LISTED_QUERY_CHARS = 80;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    static final String OPEN_DMS = "Discord refuses a direct message when you don't allow them from this server's"
            + " members: open the server's menu → Privacy Settings → turn on Direct Messages (or allow DMs from"
            + " server members in your User Settings → Content & Social), and the next matches will reach you.";

    private WatchCommands() {}

    public static List<CommandHandler> handlers(WatchStore store, ArrivalMatcher matcher, Clock clock) {
        return List.of(new Add(store, matcher, clock), new ListWatches(store), new Remove(store));
    }

    /** The Vote button of a watch's direct message. */
    public static ButtonHandler voteButton(PaperStore papers, VoteService votes, ChannelGateway gateway) {
        return new DirectVote(papers, votes, gateway);
    }

    private static String requireGuild(Caller c) {
        if (c.guildId() == null) throw new CommandException("Watches belong to a server: use this inside a server.");
        return c.guildId();
    }

    /** The query as the member typed it, shown literally (no markdown, no mention) in bold. */
    static String shown(String query) {
        return "**" + Echo.of(PaperCards.cut(query, 200)) + "**";
    }

    /** A base for the three subcommands: their key, the store, private answers. */
    private abstract static class WatchCommand implements CommandHandler {
        final WatchStore store;
        private final String subcommand;

        WatchCommand(WatchStore store, String subcommand) {
            this.store = store;
            this.subcommand = subcommand;
        }

        @Override
        public String key() {
            return "watch " + subcommand;
        }

        @Override
        public boolean privateAnswer() {
            return true; // a member's watches are their own business
        }
    }

    /** {@code /watch add query:…}. */
    static final class Add extends WatchCommand {
        private final ArrivalMatcher matcher;
        private final Clock clock;

        Add(WatchStore store, ArrivalMatcher matcher, Clock clock) {
            super(store, "add");
            this.matcher = matcher;
            this.clock = clock;
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = requireGuild(r.caller());
            String query = r.options().requireString("query").strip();
            Optional<String> problem = matcher.problem(query);
            if (problem.isPresent()) {
                throw new CommandException("I can't watch " + (query.isEmpty() ? "that" : shown(query)) + ": "
                        + problem.get() + ". A watch uses the search syntax — words (all must appear),"
                        + " \"quoted phrases\", `title:`, `author:`, `prefix*` and `-excluded` words; try it with"
                        + " `/search` first.");
            }
            AddOutcome o = store.add(
                    guild, r.caller().userId(), r.caller().displayName(), query, MAX_PER_MEMBER, clock.instant());
            return switch (o.kind()) {
                case DUPLICATE ->
                    Reply.ephemeral("You already watch " + shown(query) + " here; `/watch list` shows your watches.");
                case AT_CAP ->
                    Reply.ephemeral("You have " + MAX_PER_MEMBER + " watches here, the most one member"
                            + " can keep. Remove one with `/watch remove` first.");
                case ADDED ->
                    Reply.ephemeral("👀 Watching " + shown(query) + ". When new papers that match all of it"
                            + " arrive in the library, I'll send you a direct message listing them. You have "
                            + o.count() + " of " + MAX_PER_MEMBER + " watches here.");
            };
        }
    }

    /** {@code /watch list}. */
    static final class ListWatches extends WatchCommand {
        ListWatches(WatchStore store) {
            super(store, "list");
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = requireGuild(r.caller());
            List<Watch> watches = store.list(guild, r.caller().userId());
            Optional<DirectMessageFailure> failure =
                    store.directMessageFailure(r.caller().userId());
            String dms = failure.map(f -> "⚠️ My last direct message to you failed (" + WHEN.format(f.at()) + "): "
                            + Echo.of(PaperCards.cut(f.reason(), 300)) + ". "
                            + (f.refused() ? OPEN_DMS : "I'll send the next matches as they arrive."))
                    .orElse("");
            if (watches.isEmpty()) {
                return Reply.ephemeral("You have no watches here. Add one with `/watch add query:…` (search syntax)"
                        + " and I'll send you a direct message when new papers match it."
                        + (dms.isEmpty() ? "" : "\n" + dms));
            }
            List<Field> fields = new ArrayList<>();
            int i = 1;
            for (Watch w : watches) {
                // cut so that 25 of them, escaped, fit one embed's 6,000 characters with the footer
                fields.add(new Field(
                        (i++) + ". " + Echo.of(PaperCards.cut(w.query(), LISTED_QUERY_CHARS)),
                        (w.matches() == 1 ? "1 match" : w.matches() + " matches") + " so far · added "
                                + WHEN.format(w.createdAt()),
                        false));
            }
            String footer = failure.isPresent()
                    ? "Direct messages don't reach you right now — see above."
                    : "Matches come by direct message; if none arrive, check that you allow DMs from this server's members.";
            return Reply.builder()
                    .content(dms)
                    .card(new Card(
                            "Your watches (" + watches.size() + " of " + MAX_PER_MEMBER + ")",
                            null,
                            null,
                            fields,
                            footer))
                    .ephemeral(true)
                    .build();
        }
    }

    /** {@code /watch remove watch:…}, the watch chosen from the member's own (autocomplete gives its id). */
    static final class Remove extends WatchCommand {
        Remove(WatchStore store) {
            super(store, "remove");
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = requireGuild(r.caller());
            String typed = r.options().requireString("watch").strip();
            List<Watch> mine = store.list(guild, r.caller().userId());
            Watch w = find(mine, typed)
                    .orElseThrow(() -> new CommandException("You have no watch " + shown(typed) + " here;"
                            + " `/watch list` shows yours (pick one from the list as you type)."));
            if (!store.remove(guild, r.caller().userId(), w.id()))
                throw new CommandException("That watch was already removed.");
            return Reply.ephemeral("Stopped watching " + shown(w.query()) + ". You have " + (mine.size() - 1) + " of "
                    + MAX_PER_MEMBER + " watches here.");
        }

        /** The watch named by its id (what autocomplete sends) or its query as typed. */
        private static Optional<Watch> find(List<Watch> mine, String typed) {
            for (Watch w : mine) if (Long.toString(w.id()).equals(typed)) return Optional.of(w);
            for (Watch w : mine) if (w.query().equalsIgnoreCase(typed)) return Optional.of(w);
            List<Watch> partial = mine.stream()
                    .filter(w -> w.query().toLowerCase(Locale.ROOT).contains(typed.toLowerCase(Locale.ROOT)))
                    .toList();
            return partial.size() == 1 ? Optional.of(partial.get(0)) : Optional.empty();
        }

        @Override
        public List<Choice> choices(String option, String typed, PaperResolver papers, Caller caller) {
            if (!option.equals("watch") || caller.guildId() == null) return List.of();
            String t = typed.toLowerCase(Locale.ROOT);
            return store.list(caller.guildId(), caller.userId()).stream()
                    .filter(w -> w.query().toLowerCase(Locale.ROOT).contains(t))
                    .limit(Choice.MAX)
                    .map(w -> new Choice(PaperCards.cut(w.query(), Choice.NAME_MAX), Long.toString(w.id())))
                    .toList();
        }
    }

    /**
     * Vote from a watch's direct message. A direct message has no server, so the button carries it;
     * the vote counts there only, and only while the member is still in that server.
     */
    static final class DirectVote implements ButtonHandler {
        private final PaperStore papers;
        private final VoteService votes;
        private final ChannelGateway gateway;

        DirectVote(PaperStore papers, VoteService votes, ChannelGateway gateway) {
            this.papers = papers;
            this.votes = votes;
            this.gateway = gateway;
        }

        @Override
        public ButtonAction action() {
            return ButtonAction.WATCH_VOTE;
        }

        @Override
        public boolean worksInDirectMessages() {
            return true;
        }

        @Override
        public ButtonReply press(ButtonId id, Caller caller) {
            Paper p = papers.find(id.arg(0))
                    .orElseThrow(() -> new CommandException("That paper is no longer in the library."));
            String guild = id.arg(1);
            if (caller.guildId() != null && !caller.guildId().equals(guild))
                throw new CommandException("This Vote button is for another server; press it in your direct messages.");
            boolean member;
            try {
                member = gateway.isMember(guild, caller.userId());
            } catch (PostException e) {
                throw new CommandException("I couldn't check that you're still in that server; try again in a moment.");
            }
            if (!member)
                throw new CommandException(
                        "You're no longer a member of the server this watch was in, so you can't vote there.");
            return ButtonReply.message(VoteCommands.voted(p, votes.vote(guild, p.id(), caller.userId()), votes.budget())
                    .asEphemeral());
        }
    }
}
