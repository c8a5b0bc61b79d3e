package dev.paperclub.command.admin;

import static dev.paperclub.command.PaperCards.plural;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.paperclub.command.ButtonAction;
import dev.paperclub.command.ButtonHandler;
import dev.paperclub.command.ButtonId;
import dev.paperclub.command.Caller;
import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Button;
import dev.paperclub.paper.Paper;
import dev.paperclub.session.SessionService;
import dev.paperclub.store.GuildSettingsStore;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.VoteStore;
import dev.paperclub.vote.VoteService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin mark-read}, {@code /admin pick}, {@code /admin reset-votes} and the reset's
 * confirmation button. The confirmation carries who may press it and until when in its id
 * ({@code confirm-reset|<userId>|<expiry epoch s>|<paperId or *>}), so it needs no state and
 * survives a restart, yet nobody else can press it and it goes stale after a minute.
 */
public final class VoteAdminCommands {
    private static final Logger log = LoggerFactory.getLogger(VoteAdminCommands.class);
    static final Duration CONFIRM_FOR = Duration.ofSeconds(60);
    private static final String ALL = "*";

    private VoteAdminCommands() {}

    public static List<CommandHandler> handlers(
            PaperResolver resolver,
            PaperStore papers,
            VoteService votes,
            GuildSettingsStore settings,
            ChannelGateway gateway,
            SessionService sessions,
            Clock clock) {
        return List.of(
                new MarkRead(resolver, votes),
                new Pick(papers, votes, settings, gateway, sessions),
                new SessionAdminCommand(sessions, papers),
                new ResetVotes(resolver, clock));
    }

    public static ButtonHandler confirmReset(PaperStore papers, VoteService votes, Clock clock) {
        return new ConfirmReset(papers, votes, clock);
    }

    /** Takes a paper off the reading list and out of highlights in this server. */
    static final class MarkRead implements AdminCommand {
        private final PaperResolver resolver;
        private final VoteService votes;

        MarkRead(PaperResolver resolver, VoteService votes) {
            this.resolver = resolver;
            this.votes = votes;
        }

        @Override
        public String key() {
            return "admin mark-read";
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            Paper p = resolver.resolveForChange(r.options().requireString("paper"));
            if (!votes.markRead(guild, p.id(), r.caller().userId())) {
                return Reply.ephemeral(CorpusCommands.title(p) + " was already marked read here.");
            }
            return Reply.text(
                    "Marked " + CorpusCommands.title(p) + " as read: it leaves the reading list and highlights.");
        }
    }

    /** Closes the vote cycle on the top unread paper, opens its reading session and announces both. */
    static final class Pick implements AdminCommand {
        private final PaperStore papers;
        private final VoteService votes;
        private final GuildSettingsStore settings;
        private final ChannelGateway gateway;
        private final SessionService sessions;

        Pick(
                PaperStore papers,
                VoteService votes,
                GuildSettingsStore settings,
                ChannelGateway gateway,
                SessionService sessions) {
            this.papers = papers;
            this.votes = votes;
            this.settings = settings;
            this.gateway = gateway;
            this.sessions = sessions;
        }

        @Override
        public String key() {
            return "admin pick";
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            // checked before the cycle closes: a bad time changes nothing
            SessionService.Details details = sessions.details(
                    guild,
                    r.options().string("when"),
                    r.options().string("presenter"),
                    r.options().string("where"));
            VoteStore.Pick pick = votes.pick(guild, r.caller().userId())
                    .orElseThrow(
                            () -> new CommandException(
                                    "Nothing to pick: no unread paper has votes yet. Members vote with `/vote` or the Vote buttons."));
            Optional<Paper> paper = papers.findAnyPaper(pick.paperId());
            String title = paper.map(CorpusCommands::title).orElse("`" + pick.paperId() + "`");
            SessionService.Opened session = sessions.open(
                    guild, pick.paperId(), pick.votes(), details, r.caller().userId());
            String eventNote = session.eventNote().isEmpty() ? "" : " " + session.eventNote();
            String described = sessions.describe(session.session());
            Reply.Builder announcement = Reply.builder()
                    .content("📖 **Next read:** " + title + " — picked with " + plural(pick.votes(), "vote")
                            + ". Votes for other papers carry over to the new cycle.\n🗓 **Session:** "
                            + described);
            paper.ifPresent(p ->
                    announcement.card(PaperCards.full(p, pick.votes())).row(List.of(PaperCards.summaryButton(p, ""))));
            Reply message = announcement.build();
            String channel = settings.get(guild).channelId();
            if (channel == null) {
                return eventNote.isEmpty()
                        ? message
                        : new Reply(
                                message.content() + "\n" + eventNote.strip(),
                                message.cards(),
                                message.rows(),
                                message.ephemeral(),
                                message.posts());
            }
            ChannelGateway.ChannelAccess access = gateway.access(channel, false);
            if (!access.ok()) {
                log.warn(
                        "Pick announcement for server {} could not be posted in {}: {}",
                        guild,
                        channel,
                        access.problem());
                Reply.Builder b = Reply.builder()
                        .content(message.content() + "\n(I couldn't announce it in <#" + channel + ">: "
                                + access.problem() + ".)" + eventNote);
                message.cards().forEach(b::card);
                return b.build();
            }
            // sent without waiting: this thread answers interactions and must not wait on Discord's rate limits
            gateway.send(channel, message).whenComplete((id, e) -> {
                if (e != null)
                    log.warn(
                            "Pick announcement for server {} could not be posted in {}: {}",
                            guild,
                            channel,
                            e.getMessage());
            });
            return Reply.text("Picked " + title + " (" + plural(pick.votes(), "vote") + ") and am announcing it in <#"
                    + channel + ">. Session: " + described + "." + eventNote);
        }
    }

    /** Asks for confirmation with a button only the caller can press, valid for a minute. */
    static final class ResetVotes implements AdminCommand {
        private final PaperResolver resolver;
        private final Clock clock;

        ResetVotes(PaperResolver resolver, Clock clock) {
            this.resolver = resolver;
            this.clock = clock;
        }

        @Override
        public String key() {
            return "admin reset-votes";
        }

        @Override
        public boolean privateAnswer() {
            return true; // the confirmation only the caller may press
        }

        @Override
        public Reply handle(CommandRequest r) {
            AdminCommand.guild(r.caller());
            Optional<Paper> paper = r.options().string("paper").map(resolver::resolveForChange);
            long expiry = clock.instant().plus(CONFIRM_FOR).getEpochSecond();
            ButtonId id = ButtonId.of(
                    ButtonAction.CONFIRM_RESET,
                    r.caller().userId(),
                    expiry,
                    paper.map(Paper::id).orElse(ALL));
            if (!id.fits()) throw new CommandException("That paper id is too long for a confirmation button.");
            String what = paper.map(p -> "every open vote for " + CorpusCommands.title(p))
                    .orElse("**every open vote in this server**");
            return Reply.builder()
                    .ephemeral(true)
                    .content("This deletes " + what + ". Votes already closed by a pick stay in history. "
                            + "Press **Confirm reset** within " + CONFIRM_FOR.toSeconds()
                            + " s, or dismiss this message to cancel.")
                    .row(List.of(new Button(id.encode(), "Confirm reset", Button.Style.DANGER)))
                    .build();
        }
    }

    /** The confirmation press: only by the moderator who asked, only before it expires. */
    static final class ConfirmReset implements ButtonHandler {
        private final PaperStore papers;
        private final VoteService votes;
        private final Clock clock;
        /** Confirmations already carried out: a button still on screen (the console, a stale client) resets once. */
        private final Cache<String, Boolean> done = Caffeine.newBuilder()
                .expireAfterWrite(CONFIRM_FOR.multipliedBy(2))
                .maximumSize(10_000)
                .build();

        ConfirmReset(PaperStore papers, VoteService votes, Clock clock) {
            this.papers = papers;
            this.votes = votes;
            this.clock = clock;
        }

        @Override
        public ButtonAction action() {
            return ButtonAction.CONFIRM_RESET;
        }

        @Override
        public boolean moderatorOnly() {
            return true;
        }

        @Override
        public ButtonReply press(ButtonId id, Caller caller) {
            String guild = AdminCommand.guild(caller);
            String owner = id.arg(0);
            long expiry;
            try {
                expiry = Long.parseLong(id.arg(1));
            } catch (NumberFormatException e) {
                throw new CommandException("This button is damaged or out of date; run `/admin reset-votes` again.");
            }
            String target = id.arg(2);
            // thrown, not returned, so the audit log records these presses as failed
            if (!owner.equals(caller.userId())) {
                throw new CommandException(
                        "Only the moderator who ran `/admin reset-votes` can confirm it. Nothing was reset.");
            }
            if (clock.instant().getEpochSecond() > expiry) {
                throw new CommandException(
                        "This confirmation expired; run `/admin reset-votes` again. Nothing was reset.");
            }
            if (done.asMap().putIfAbsent(id.encode(), Boolean.TRUE) != null) {
                throw new CommandException("This reset was already carried out; nothing more was reset.");
            }
            String what;
            int n;
            if (target.equals(ALL)) {
                n = votes.resetVotes(guild, null);
                what = "in this server";
            } else {
                n = votes.resetVotes(guild, target);
                what = "for "
                        + papers.findAnyPaper(target).map(CorpusCommands::title).orElse("`" + target + "`");
            }
            return ButtonReply.update(Reply.ephemeral("Reset " + plural(n, "open vote") + " " + what + "."));
        }
    }
}
