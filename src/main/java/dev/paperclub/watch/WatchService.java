package dev.paperclub.watch;

import dev.paperclub.command.ButtonAction;
import dev.paperclub.command.ButtonId;
import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.ChannelGateway.PostException;
import dev.paperclub.command.Echo;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Button;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.ingest.Arrivals;
import dev.paperclub.paper.Paper;
import dev.paperclub.search.ArrivalMatcher;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.WatchStore;
import dev.paperclub.store.WatchStore.Watch;
import dev.paperclub.summary.SummaryService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Members' watches meet arriving papers (DESIGN "Feeds and watches"). Told of an arrival, it
 * hands the work to its own thread (the ingest never waits on it), matches the arrival's servers'
 * watches against just the new papers ({@link ArrivalMatcher}), enters the matches in the ledger
 * (a paper never notifies a watch twice) and sends each member whose watches matched one direct
 * message for the arrival: the papers with their links, TL;DRs, the watch that matched and Vote
 * buttons that carry the server. Whether the message reached the member is recorded for
 * {@code /watch list}; a failure never stops another member's message.
 */
public final class WatchService implements Arrivals {
    private static final Logger log = LoggerFactory.getLogger(WatchService.class);
    /** Discord shows at most 10 embeds in a message: papers beyond them are counted, not shown. */
    public static final int MAX_PAPERS_SHOWN = 10;
    // Discord also caps a message's embeds at 6,000 characters in all: each card is kept to about
    // 550 (title, TL;DR, watches, meta line), so all ten shown papers fit with room for escaping.
    static final int TITLE_CHARS = 140;
    static final int TLDR_CHARS = 180;
    static final int WATCHES_CHARS = 140;

    private final WatchStore store;
    private final PaperStore papers;
    private final ArrivalMatcher matcher;
    private final SummaryService summaries;
    private final ChannelGateway gateway;
    private final Executor executor;
    private final Clock clock;

    public WatchService(
            WatchStore store,
            PaperStore papers,
            ArrivalMatcher matcher,
            SummaryService summaries,
            ChannelGateway gateway,
            Executor executor,
            Clock clock) {
        this.store = store;
        this.papers = papers;
        this.matcher = matcher;
        this.summaries = summaries;
        this.gateway = gateway;
        this.executor = executor;
        this.clock = clock;
    }

    /** What one arrival did: watches that matched new papers, and direct messages sent and failed. */
    public record Outcome(int watchesMatched, int messagesSent, int messagesFailed) {
        static final Outcome NOTHING = new Outcome(0, 0, 0);
    }

    @Override
    public void arrived(Arrival arrival) {
        if (arrival.addedIds().isEmpty()) return;
        try {
            executor.execute(() -> {
                try {
                    Outcome o = notify(arrival);
                    if (o.watchesMatched() > 0)
                        log.info(
                                "Arrival from {}: {} watches matched, {} direct messages sent, {} failed",
                                arrival.source(),
                                o.watchesMatched(),
                                o.messagesSent(),
                                o.messagesFailed());
                } catch (RuntimeException e) {
                    log.warn("Matching watches against an arrival from {} failed", arrival.source(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Shutting down: the watches of an arrival from {} are not matched", arrival.source());
        }
    }

    /**
     * Matches and notifies on the calling thread: the papers new to the library in {@code arrival}
     * against the watches of its server (every server's for a CLI ingest, whose server is null).
     */
    public Outcome notify(Arrival arrival) {
        List<Watch> watches = store.watches(arrival.guildId());
        if (watches.isEmpty() || arrival.addedIds().isEmpty()) return Outcome.NOTHING;
        List<Paper> arrived = papers.findAll(arrival.addedIds());
        Map<Long, String> queries = new LinkedHashMap<>();
        for (Watch w : watches) queries.put(w.id(), w.query());
        Map<Long, List<String>> fresh = store.claim(matcher.match(arrived, queries), clock.instant());
        if (fresh.isEmpty()) return Outcome.NOTHING;
        Map<String, Paper> byId = arrived.stream().collect(Collectors.toMap(Paper::id, Function.identity()));
        Map<Long, Watch> watchById = watches.stream().collect(Collectors.toMap(Watch::id, Function.identity()));
        // one message per member: their entries (a paper in a server) with the watches that matched each
        Map<String, Map<Entry.Key, Entry>> byMember = new LinkedHashMap<>();
        for (Map.Entry<Long, List<String>> m : fresh.entrySet()) {
            Watch w = watchById.get(m.getKey());
            for (String paperId : m.getValue()) {
                byMember.computeIfAbsent(w.userId(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(
                                new Entry.Key(w.guildId(), paperId),
                                k -> new Entry(byId.get(paperId), w.guildId(), w.userName(), new ArrayList<>()))
                        .queries()
                        .add(w.query());
            }
        }
        int sent = 0;
        int failed = 0;
        for (Map.Entry<String, Map<Entry.Key, Entry>> member : byMember.entrySet()) {
            List<Entry> entries = List.copyOf(member.getValue().values());
            Instant now = clock.instant();
            try {
                gateway.directMessage(member.getKey(), entries.get(0).userName(), message(entries));
                store.recordDirectMessage(member.getKey(), now, Optional.empty());
                sent++;
            } catch (PostException e) {
                log.info("A watch's direct message to {} failed: {}", member.getKey(), e.getMessage());
                store.recordDirectMessage(
                        member.getKey(),
                        now,
                        Optional.of(new WatchStore.DirectMessageFailure(now, e.getMessage(), e.refusedByRecipient())));
                failed++;
            }
        }
        return new Outcome(fresh.size(), sent, failed);
    }

    /** One paper for one member in one server, and the member's watches there that it matched. */
    record Entry(Paper paper, String guildId, String userName, List<String> queries) {
        record Key(String guildId, String paperId) {}
    }

    /** Room for the text of a watch's message, within Discord's 2,000 characters. */
    static final int REST_CHARS = 1_900;

    /** A title named in the message's "Also matched" list, shortened to this many characters. */
    static final int REST_TITLE_CHARS = 90;

    /**
     * The direct message: a line saying how many papers matched (and, past {@value
     * #MAX_PAPERS_SHOWN}, the others by title and link, as many as {@value #REST_CHARS} characters
     * hold), a card per shown paper (title linked to its page, TL;DR, which watch matched) and a
     * numbered Vote button per shown paper.
     */
    Reply message(List<Entry> entries) {
        int shown = Math.min(entries.size(), MAX_PAPERS_SHOWN);
        // an entry is a paper in a server: a CLI arrival matching the member's watches in two servers is one paper
        long papers = entries.stream().map(e -> e.paper().id()).distinct().count();
        long servers = entries.stream().map(Entry::guildId).distinct().count();
        StringBuilder head = new StringBuilder("🔔 " + PaperCards.plural(papers, "new paper")
                + " matched your watches"
                + (servers > 1 ? " in " + servers + " servers (each card's Vote counts in its own server)" : "")
                + (entries.size() > shown ? "; the first " + shown + " below" : "")
                + ". Stop one with `/watch remove`.");
        // the ones without a card are named here (a message's text holds 2,000 characters): the ledger counts them as
        // told, so this message is where the member learns of them
        if (entries.size() > shown) {
            head.append("\nAlso matched:");
            int listed = shown;
            int room = REST_CHARS - head.length();
            for (; listed < entries.size(); listed++) {
                Paper p = entries.get(listed).paper();
                String title = PaperCards.cut(p.title(), REST_TITLE_CHARS);
                String link = p.url() == null ? "" : " <" + p.url() + ">";
                // escaping may double a title's characters
                int cost = 3 + 2 * title.length() + link.length();
                if (cost > room) break;
                room -= cost;
                head.append("\n• ").append(Echo.of(title)).append(link);
            }
            if (listed < entries.size())
                head.append("\n… and ")
                        .append(entries.size() - listed)
                        .append(" more: `/search` in the server finds them.");
        }
        Reply.Builder b = Reply.builder().content(head.toString());
        List<Button> buttons = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            Entry e = entries.get(i);
            Paper p = e.paper();
            List<Field> fields = new ArrayList<>();
            tldr(p).ifPresent(t -> fields.add(new Field("TL;DR", Echo.of(PaperCards.cut(t, TLDR_CHARS)), false)));
            // several watches share the field's room
            int each = Math.max(20, WATCHES_CHARS / e.queries().size() - 7);
            fields.add(new Field(
                    e.queries().size() == 1 ? "Your watch" : "Your watches",
                    e.queries().stream()
                            .map(q -> "**" + Echo.of(PaperCards.cut(q, each)) + "**")
                            .collect(Collectors.joining(" · ")),
                    false));
            String meta = PaperCards.metaLine(p, 0);
            b.card(new Card(
                    PaperCards.cut((shown > 1 ? (i + 1) + ". " : "") + p.title(), TITLE_CHARS),
                    p.url(),
                    null,
                    fields,
                    meta.isEmpty() ? null : meta));
            ButtonId vote = ButtonId.of(ButtonAction.WATCH_VOTE, p.id(), e.guildId());
            if (vote.fits())
                buttons.add(new Button(vote.encode(), shown > 1 ? "Vote " + (i + 1) : "Vote", Button.Style.SUCCESS));
        }
        for (int from = 0; from < buttons.size(); from += PaperCards.BUTTONS_PER_ROW)
            b.row(buttons.subList(from, Math.min(buttons.size(), from + PaperCards.BUTTONS_PER_ROW)));
        return b.build();
    }

    private Optional<String> tldr(Paper p) {
        try {
            String t = summaries.summarize(p.id(), p.title(), p.abstractText()).tldr();
            return t == null || t.isBlank() ? Optional.empty() : Optional.of(t);
        } catch (RuntimeException e) {
            // one paper the summarizer cannot read must not stop the message
            log.debug("No TL;DR for {}: {}", p.id(), e.toString());
            return Optional.empty();
        }
    }
}
