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
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Button;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.paper.Paper;
import dev.paperclub.session.SessionService;
import dev.paperclub.store.NoteStore;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.SessionStore;
import dev.paperclub.store.SessionStore.Session;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code /sessions}: the server's reading sessions, upcoming first (soonest first, those without a
 * time last), then past ones (latest first), each with its paper, date in the server's time zone,
 * presenter, the votes it had when picked and its notes; {@code limit} per page, with Prev/Next
 * buttons ({@code sessions|<owner>|<limit>|<page>}) when there is more than one page. A press by
 * anyone but the owner answers them privately.
 */
public final class SessionsCommand implements CommandHandler, ButtonHandler {
    /**
     * At most eight a page: eight of the longest entries (a 200-character title, a 100-character
     * place escaped, presenter, figures, link) fit one embed's 6,000 characters with its footer.
     */
    static final int DEFAULT_LIMIT = 8;

    static final int MAX_LIMIT = 8;
    private static final int MAX_PAGES = 1000;

    private final SessionStore store;
    private final NoteStore notes;
    private final SessionService sessions;
    private final PaperStore papers;
    private final Clock clock;

    public SessionsCommand(
            SessionStore store, SessionService sessions, PaperStore papers, NoteStore notes, Clock clock) {
        this.store = store;
        this.notes = notes;
        this.sessions = sessions;
        this.papers = papers;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "sessions";
    }

    @Override
    public boolean moderatorOnly() {
        return false;
    }

    @Override
    public ButtonAction action() {
        return ButtonAction.SESSIONS_PAGE;
    }

    @Override
    public Reply handle(CommandRequest r) {
        return page(guild(r.caller()), r.options().intOr("limit", DEFAULT_LIMIT), 0, r.caller());
    }

    @Override
    public ButtonReply press(ButtonId id, Caller caller) {
        String owner = id.arg(0);
        int limit = id.intArg(1, 1, MAX_LIMIT);
        int page = id.intArg(2, 0, MAX_PAGES);
        Reply r = page(guild(caller), limit, page, caller);
        return owner.equals(caller.userId()) ? ButtonReply.update(r) : ButtonReply.message(r.asEphemeral());
    }

    private static String guild(Caller c) {
        if (c.guildId() == null) throw new CommandException("Sessions belong to a server; use `/sessions` in one.");
        return c.guildId();
    }

    Reply page(String guild, int limit, int page, Caller caller) {
        Instant now = clock.instant();
        List<Session> all = store.all(guild);
        List<Session> upcoming = all.stream()
                .filter(s -> s.upcoming(now))
                .sorted(Comparator.comparing(Session::startsAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<Session> past = all.stream()
                .filter(s -> !s.upcoming(now))
                // newest first; a session that never got a time sits where it was opened
                .sorted(Comparator.comparing((Session s) -> s.startsAt() != null ? s.startsAt() : s.createdAt())
                        .reversed())
                .toList();
        if (all.isEmpty()) {
            return Reply.text(
                    "No reading sessions yet. A moderator opens one with `/admin pick` (`when`, `presenter`, `where`).");
        }
        List<Session> ordered = new ArrayList<>(upcoming);
        ordered.addAll(past);
        int pages = (ordered.size() + limit - 1) / limit;
        if (page >= pages) return Reply.ephemeral("There is no page " + (page + 1) + "; run `/sessions` again.");
        int from = page * limit;
        ZoneId zone = sessions.zone(guild);
        List<Field> fields = new ArrayList<>();
        for (int i = from; i < Math.min(ordered.size(), from + limit); i++) {
            Session s = ordered.get(i);
            Optional<Paper> paper = papers.findAnyPaper(s.paperId());
            String title = paper.map(Paper::title).orElse(s.paperId());
            String label = (i < upcoming.size() ? "Upcoming" : "Past") + " · " + PaperCards.cut(title, 200);
            StringBuilder value = new StringBuilder(sessions.describe(s, zone))
                    .append(" · ")
                    .append(plural(s.votes(), "vote"))
                    .append(" when picked");
            value.append(" · ").append(plural(notes.count(guild, s.paperId()), "note"));
            paper.flatMap(PaperCards::link).ifPresent(l -> value.append(" · ").append(l));
            fields.add(new Field(PaperCards.listed(i + 1, label), value.toString(), false));
        }
        String footer = plural(upcoming.size(), "upcoming session") + ", " + plural(past.size(), "past session")
                + (pages > 1 ? " — page " + (page + 1) + " of " + pages : "") + " · times in "
                + zone.getId();
        Reply.Builder b = Reply.builder().card(new Card("Reading sessions", null, null, fields, footer));
        List<Button> paging = new ArrayList<>();
        if (page > 0) paging.add(new Button(pageId(caller, limit, page - 1), "◀ Prev", Button.Style.SECONDARY));
        if (page + 1 < pages) paging.add(new Button(pageId(caller, limit, page + 1), "Next ▶", Button.Style.SECONDARY));
        if (!paging.isEmpty()) b.row(paging);
        return b.build();
    }

    private static String pageId(Caller owner, int limit, int page) {
        return ButtonId.of(ButtonAction.SESSIONS_PAGE, owner.userId(), limit, page)
                .encode();
    }
}
