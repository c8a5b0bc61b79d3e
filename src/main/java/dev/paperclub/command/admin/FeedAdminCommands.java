package dev.paperclub.command.admin;

import dev.paperclub.command.Caller;
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
import dev.paperclub.feed.ArxivQuery;
import dev.paperclub.feed.FeedService;
import dev.paperclub.feed.FeedService.Outcome;
import dev.paperclub.highlight.HighlightRanker;
import dev.paperclub.store.FeedStore;
import dev.paperclub.store.FeedStore.Feed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /admin feed add|list|remove|fetch}: a server's subscriptions to arXiv (a category or
 * an arXiv API search) and to the HF daily papers. Feeds bring papers into the library every
 * server shares, so every feed command is kept to the home servers like {@code /admin ingest}.
 */
public final class FeedAdminCommands {
    /** Feeds one server may have: enough for a team's fields, few enough that a day's fetches stay polite. */
    public static final int MAX_FEEDS = 10;

    static final int MAX_KEYWORDS = 10;
    static final int MAX_KEYWORDS_CHARS = 300;
    static final int MAX_KEYWORD_CHARS = 80;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private FeedAdminCommands() {}

    public static List<CommandHandler> handlers(FeedService feeds, ZoneFinder zones, Clock clock) {
        return List.of(
                new Add(feeds, zones, clock), new ListFeeds(feeds, zones, clock), new Remove(feeds), new Fetch(feeds));
    }

    /** The server's time zone (its highlights zone), for the times shown. */
    @FunctionalInterface
    public interface ZoneFinder {
        ZoneId zone(String guildId);
    }

    /** Shared by the feed subcommands: moderators of home servers only, answered privately. */
    private interface FeedCommand extends AdminCommand {
        @Override
        default boolean changesLibrary() {
            return true;
        }

        @Override
        default boolean privateAnswer() {
            return true;
        }
    }

    static String when(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** "arxiv `cs.CL`" or "hf-daily", with what the moderator typed marked as echoed. */
    static String name(Feed f) {
        return f.search().isEmpty() ? f.source() : f.source() + " " + Echo.of(PaperCards.cut(f.query(), 80));
    }

    /** Subscribes this server. */
    static final class Add implements FeedCommand {
        private final FeedService feeds;
        private final ZoneFinder zones;
        private final Clock clock;

        Add(FeedService feeds, ZoneFinder zones, Clock clock) {
            this.feeds = feeds;
            this.zones = zones;
            this.clock = clock;
        }

        @Override
        public String key() {
            return "admin feed add";
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            String source = r.options().requireString("source").strip().toLowerCase(Locale.ROOT);
            String typed = r.options().string("query").map(String::strip).orElse("");
            String query;
            String search;
            if (source.equals(FeedService.ARXIV)) {
                try {
                    search = ArxivQuery.search(typed);
                } catch (IllegalArgumentException e) {
                    throw new CommandException(e.getMessage());
                }
                query = search.equals("cat:" + ArxivQuery.category(typed).orElse("")) ? search.substring(4) : typed;
            } else if (source.equals(FeedService.HF_DAILY)) {
                if (!typed.isEmpty()) {
                    throw new CommandException(
                            "An `hf-daily` feed takes no `query`: it is the Hugging Face daily papers"
                                    + " list; filter it with `keywords`.");
                }
                query = "";
                search = "";
            } else {
                throw new CommandException("`source` is `arxiv` or `hf-daily`.");
            }
            String keywords = keywords(r.options().string("keywords").orElse(null));
            FeedStore store = feeds.store();
            if (store.count(guild) >= MAX_FEEDS) {
                throw new CommandException("This server has " + MAX_FEEDS + " feeds, the most it may have; remove one"
                        + " with `/admin feed remove`, or widen one feed's query (e.g. `cat:cs.CL OR cat:cs.LG`).");
            }
            Feed f = store.add(
                            guild, source, query, search, keywords, r.caller().userId(), clock.instant())
                    .orElseThrow(() ->
                            new CommandException("This server already has that feed; `/admin feed list` shows it."));
            ZoneId zone = zones.zone(guild);
            String filter = keywords == null
                    ? "Every paper it brings is offered to this server's highlights."
                    : "Its papers are offered to this server's highlights when they match one of: " + Echo.of(keywords)
                            + ".";
            return Reply.ephemeral("Subscribed this server to " + name(f)
                    + (search.isEmpty() || search.equals("cat:" + query)
                            ? ""
                            : " (arXiv search " + Echo.of(search) + ")")
                    + ". " + filter + "\nFirst fetch " + when(feeds.nextFetch(f, clock.instant()), zone) + ", "
                    + feeds.lead().toMinutes() + " minutes before the highlights; `/admin feed fetch` fetches now.");
        }

        /** The keywords cleaned (blanks and repeats dropped), or null for none; refused when too many or too long. */
        static String keywords(String typed) {
            if (typed == null || typed.isBlank()) return null;
            if (typed.length() > MAX_KEYWORDS_CHARS) {
                throw new CommandException(
                        "`keywords` is " + typed.length() + " characters; keep it under " + MAX_KEYWORDS_CHARS + ".");
            }
            List<String> words = HighlightRanker.keywords(typed.replaceAll("\\p{Cntrl}", " "));
            if (words.size() > MAX_KEYWORDS) {
                throw new CommandException("Give at most " + MAX_KEYWORDS + " keywords (comma-separated).");
            }
            for (String w : words) {
                if (w.length() > MAX_KEYWORD_CHARS) {
                    throw new CommandException("A keyword is a word or a short phrase; "
                            + Echo.of(PaperCards.cut(w, 40)) + " is longer than " + MAX_KEYWORD_CHARS + " characters.");
                }
            }
            return words.isEmpty() ? null : String.join(", ", words);
        }
    }

    /**
     * The server's feeds with their ledger. Each feed's field stays under ~560 characters (query,
     * keywords and error cut), so ten feeds fit Discord's 6,000 characters per message's embeds.
     */
    static final class ListFeeds implements FeedCommand {
        private final FeedService feeds;
        private final ZoneFinder zones;
        private final Clock clock;

        ListFeeds(FeedService feeds, ZoneFinder zones, Clock clock) {
            this.feeds = feeds;
            this.zones = zones;
            this.clock = clock;
        }

        @Override
        public String key() {
            return "admin feed list";
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            List<Feed> all = feeds.store().feeds(guild);
            if (all.isEmpty()) {
                return Reply.ephemeral(
                        "This server has no feeds. Add one with `/admin feed add source:arxiv query:cs.CL`.");
            }
            ZoneId zone = zones.zone(guild);
            Instant now = clock.instant();
            List<Field> fields = new ArrayList<>();
            for (Feed f : all) fields.add(new Field("#" + f.id() + " " + name(f), describe(f, zone, now), false));
            return Reply.builder()
                    .content(PaperCards.plural(all.size(), "feed") + " (at most " + MAX_FEEDS + "), each fetched "
                            + feeds.lead().toMinutes() + " minutes before the highlights:")
                    .card(new Card("Feeds", null, null, fields, null))
                    .ephemeral(true)
                    .build();
        }

        private String describe(Feed f, ZoneId zone, Instant now) {
            StringBuilder b = new StringBuilder();
            b.append("Keywords: ")
                    .append(
                            f.keywords() == null
                                    ? "none (every paper is offered)"
                                    : Echo.of(PaperCards.cut(f.keywords(), 80)))
                    .append('\n');
            b.append("Last fetch: ");
            if (f.lastFetchAt() == null) {
                b.append("never");
            } else {
                b.append(when(f.lastFetchAt(), zone))
                        .append(": ")
                        .append(f.lastAdded())
                        .append(" added, ")
                        .append(f.lastUpdated())
                        .append(" updated, ")
                        .append(f.lastUnchanged())
                        .append(" unchanged, ")
                        .append(f.lastNew())
                        .append(" new to this feed");
            }
            b.append('\n');
            if (f.lastError() != null) {
                b.append("Last error: ")
                        .append(when(f.lastErrorAt(), zone))
                        .append(": ")
                        .append(Echo.of(PaperCards.cut(f.lastError(), 100)))
                        .append(f.failures() > 1 ? " (" + f.failures() + " failures in a row)" : "")
                        .append('\n');
            }
            Instant next = feeds.nextFetch(f, now);
            b.append("Next fetch: ").append(next.equals(now) ? "now (due)" : when(next, zone));
            return b.toString();
        }
    }

    /** Unsubscribes; the feed's past arrivals stop being highlight candidates. */
    static final class Remove implements FeedCommand {
        private final FeedService feeds;

        Remove(FeedService feeds) {
            this.feeds = feeds;
        }

        @Override
        public String key() {
            return "admin feed remove";
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            String typed = r.options().requireString("feed").strip();
            Feed f = find(guild, typed)
                    .orElseThrow(
                            () -> new CommandException("This server has no feed " + Echo.of(PaperCards.cut(typed, 100))
                                    + "; `/admin feed list` shows its feeds (pick one from the list as you type)."));
            feeds.store().remove(guild, f.id());
            return Reply.ephemeral(
                    "Unsubscribed this server from " + name(f) + ". Papers it brought stay in the library.");
        }

        private Optional<Feed> find(String guild, String typed) {
            List<Feed> all = feeds.store().feeds(guild);
            String t = typed.startsWith("#") ? typed.substring(1) : typed;
            for (Feed f : all) if (String.valueOf(f.id()).equals(t)) return Optional.of(f);
            for (Feed f : all) {
                if (label(f).equalsIgnoreCase(typed) || f.query().equalsIgnoreCase(typed)) return Optional.of(f);
            }
            return Optional.empty();
        }

        @Override
        public List<Choice> choices(String option, String typed, PaperResolver papers, Caller caller) {
            if (!option.equals("feed") || caller.guildId() == null) return List.of();
            String t = typed.strip().toLowerCase(Locale.ROOT);
            List<Choice> out = new ArrayList<>();
            for (Feed f : feeds.store().feeds(caller.guildId())) {
                String label = "#" + f.id() + " " + label(f)
                        + (f.keywords() == null ? "" : " (keywords: " + f.keywords() + ")");
                if (t.isEmpty() || label.toLowerCase(Locale.ROOT).contains(t)) {
                    out.add(new Choice(PaperCards.cut(label, Choice.NAME_MAX), String.valueOf(f.id())));
                }
                if (out.size() == Choice.MAX) break;
            }
            return out;
        }

        private static String label(Feed f) {
            return f.search().isEmpty() ? f.source() : f.source() + " " + f.query();
        }
    }

    /** Fetches the server's feeds now; per feed what it brought or why it failed. */
    static final class Fetch implements FeedCommand {
        private final FeedService feeds;

        Fetch(FeedService feeds) {
            this.feeds = feeds;
        }

        @Override
        public String key() {
            return "admin feed fetch";
        }

        @Override
        public boolean slow() {
            return true;
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            if (feeds.store().feeds(guild).isEmpty()) {
                throw new CommandException(
                        "This server has no feeds to fetch; add one with `/admin feed add source:arxiv query:cs.CL`.");
            }
            r.progress().accept("Fetching this server's feeds (arXiv allows one request every few seconds)…");
            List<Outcome> done = feeds.fetchGuild(guild);
            StringBuilder b = new StringBuilder();
            int failed = 0;
            for (Outcome o : done) {
                if (o.kind() == FeedService.Kind.FAILED) failed++;
                b.append("• #")
                        .append(o.feed().id())
                        .append(' ')
                        .append(name(o.feed()))
                        .append(": ")
                        .append(
                                o.kind() == FeedService.Kind.FAILED
                                        ? "failed: " + Echo.of(PaperCards.cut(o.error(), 300))
                                                + " (retried later on its own)"
                                        : o.describe())
                        .append('\n');
            }
            String head = "Fetched " + PaperCards.plural(done.size(), "feed")
                    + (failed == 0 ? "" : " (" + failed + " failed)") + ":\n";
            return Reply.ephemeral(PaperCards.cut(head + b.toString().strip(), 1900));
        }
    }
}
