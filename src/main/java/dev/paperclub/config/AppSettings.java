package dev.paperclub.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Every configuration key, parsed and bounded once: the bounds are stated here and nowhere
 * else, and the application hands these typed values to its services, which never read a
 * {@link Config} themselves. Building one checks every key, in a fixed order, and throws a
 * {@link ConfigException} naming the first bad one.
 */
public record AppSettings(
        Path dataDir,
        Discord discord,
        Highlights highlights,
        int votesPerMember,
        HfDaily hfDaily,
        Feeds feeds,
        Ingest ingest,
        int commandsPerUserPerMinute,
        Search search,
        Backup backup,
        Health health,
        Sessions sessions) {

    /** Where the bot connects and which servers it serves. */
    public record Discord(
            URI apiUrl,
            URI gatewayUrl,
            List<String> guildIds,
            List<String> homeGuildIds,
            List<String> allowedGuildIds) {}

    /** The highlights defaults a server's own settings override. */
    public record Highlights(LocalTime time, ZoneId zone, int count, boolean threads) {}

    /** The Hugging Face daily-papers feed (fetched at its time in the highlights' zone). */
    public record HfDaily(boolean enabled, URI url, LocalTime time) {}

    /**
     * Per-server feeds: fetched {@code lead} before each server's highlights; the arXiv API at
     * {@code arxivApiUrl}, at most one request per {@code arxivMinInterval}, {@code arxivPageSize}
     * results a request, {@code arxivMaxPerFetch} papers a fetch.
     */
    public record Feeds(
            Duration lead, URI arxivApiUrl, Duration arxivMinInterval, int arxivPageSize, int arxivMaxPerFetch) {
        /** arXiv's own limit: one request every 3 seconds. */
        static final Duration ARXIV_MIN_INTERVAL = Duration.ofSeconds(3);

        static Feeds from(Config c) {
            Duration lead = Duration.ofMinutes(c.intInRange("feeds.lead-minutes", 0, 720));
            URI api = c.url("feeds.arxiv.api-url");
            String key = "feeds.arxiv.min-interval-seconds";
            String v = c.require(key);
            Duration interval;
            try {
                interval = Duration.ofMillis(new java.math.BigDecimal(v.strip())
                        .multiply(java.math.BigDecimal.valueOf(1000))
                        .longValueExact());
            } catch (NumberFormatException | ArithmeticException e) {
                throw new ConfigException("Config key '" + key + "' must be a number of seconds, not '" + v + "'.");
            }
            if (interval.isNegative() || interval.compareTo(Duration.ofHours(1)) > 0) {
                throw new ConfigException("Config key '" + key + "' must be between 0 and 3600, not " + v + ".");
            }
            String host = api.getHost().toLowerCase(java.util.Locale.ROOT);
            if ((host.equals("arxiv.org") || host.endsWith(".arxiv.org"))
                    && interval.compareTo(ARXIV_MIN_INTERVAL) < 0) {
                throw new ConfigException("Config key '" + key + "' must be at least 3 for " + host
                        + ": arXiv asks for one request every 3 seconds and bans clients that go faster.");
            }
            return new Feeds(
                    lead,
                    api,
                    interval,
                    c.intInRange("feeds.arxiv.page-size", 1, 2000),
                    // at most 200: an ingest report lists that many ids, and a fetch's arrivals are told from them
                    c.intInRange("feeds.arxiv.max-per-fetch", 1, 200));
        }
    }

    /** What an ingest accepts and how long a download may take. */
    public record Ingest(
            long maxBytes, boolean allowPrivateUrls, Duration connectTimeout, Duration readTimeout, int maxRedirects) {}

    /**
     * {@code health.port} (0 = off) and {@code health.bind}: where {@code run} and {@code console} serve
     * {@code /healthz} and {@code /metrics}.
     */
    public record Health(int port, String bind) {
        public boolean enabled() {
            return port > 0;
        }
    }

    /** Search threads; 0 means "as many as the machine has" (see the methods). */
    public record Search(boolean semanticEnabled, int semanticThreads, int threads) {
        /** {@code search.semantic.threads}, with 0 resolved to every core but one (at least one). */
        public int embeddingThreads() {
            return semanticThreads > 0
                    ? semanticThreads
                    : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        }

        /** {@code search.threads}, with 0 resolved to every core. */
        public int searchThreads() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * Daily backups of the database by the running process: into {@code dir} (empty = off) at
     * {@code time} in the highlights' zone, keeping the newest {@code keep} it wrote.
     */
    public record Backup(java.util.Optional<Path> dir, LocalTime time, int keep) {}

    /** Reading sessions: a reminder {@code reminder} before each session's start (zero: no reminders). */
    public record Sessions(Duration reminder) {}

    /** Parses and checks every key (arguments are evaluated in order: the first bad key is the one reported). */
    public static AppSettings from(Config c) {
        return new AppSettings(
                c.dataDir(),
                new Discord(
                        c.url("discord.api-url"),
                        c.url("discord.gateway-url"),
                        c.guildIds(),
                        c.homeGuildIds(),
                        c.allowedGuildIds()),
                new Highlights(
                        c.time("highlights.time"),
                        c.zone("highlights.timezone"),
                        c.intInRange("highlights.count", 1, 10),
                        c.bool("highlights.threads")),
                c.intInRange("votes.per-member", 0, 1000),
                new HfDaily(
                        c.bool("feeds.hf-daily.enabled"), c.url("feeds.hf-daily.url"), c.time("feeds.hf-daily.time")),
                Feeds.from(c),
                new Ingest(
                        c.longInRange("ingest.max-bytes", 1, Long.MAX_VALUE),
                        c.bool("ingest.allow-private-urls"),
                        Duration.ofSeconds(c.intInRange("ingest.connect-timeout-seconds", 1, 600)),
                        Duration.ofSeconds(c.intInRange("ingest.read-timeout-seconds", 1, 3600)),
                        c.intInRange("ingest.max-redirects", 0, 20)),
                c.intInRange("commands.per-user-per-minute", 1, 10_000),
                new Search(
                        c.bool("search.semantic.enabled"),
                        c.intInRange("search.semantic.threads", 0, 256),
                        c.intInRange("search.threads", 0, 256)),
                new Backup(c.path("backup.dir"), c.time("backup.time"), c.intInRange("backup.keep", 1, 3650)),
                new Health(c.intInRange("health.port", 0, 65_535), c.host("health.bind")),
                new Sessions(Duration.ofMinutes(c.intInRange("sessions.reminder-minutes", 0, 10_080))));
    }
}
