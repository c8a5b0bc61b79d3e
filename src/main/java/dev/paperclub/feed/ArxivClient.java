package dev.paperclub.feed;

import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.UrlFetcher;
import dev.paperclub.paper.PaperIds;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arXiv API, used the way arXiv asks (its API manual and terms of use): newest submissions
 * first ({@code sortBy=submittedDate&sortOrder=descending}), small pages, at most one request
 * per {@code minInterval} and one connection at a time over everything this client serves (the
 * {@link Gate}; the wiring builds one client per process), a descriptive User-Agent, and patience:
 * HTTP 429/5xx, timeouts and dropped connections are retried with a growing wait (the server's
 * Retry-After when it sends one), and so are empty pages, which arXiv's API is known to return
 * now and then (and while its index lags an announcement). A page whose entry is an arXiv
 * {@code Error} is a refused query, not retried.
 *
 * <p>A fetch pages until it meets papers the caller has seen before, the results end, or the
 * cap per fetch is reached, and returns every entry of every page as one Atom feed, so the
 * caller ingests the fetch whole (all or nothing). Versions of one paper are one paper: entries
 * are keyed by the versionless id, and a later page never repeats a paper.
 */
public final class ArxivClient {
    private static final Logger log = LoggerFactory.getLogger(ArxivClient.class);
    private static final Pattern ENTRY = Pattern.compile("(?s)<entry\\b.*?</entry>");
    private static final Pattern ID = Pattern.compile("(?s)<id>\\s*(.*?)\\s*</id>");
    private static final Pattern SUMMARY = Pattern.compile("(?s)<summary[^>]*>\\s*(.*?)\\s*</summary>");
    private static final Pattern TOTAL = Pattern.compile("<opensearch:totalResults[^>]*>\\s*(\\d{1,9})\\s*<");
    private static final String REFUSED = "arXiv refused the query: ";
    private static final Pattern FEED_START = Pattern.compile("(?s)^.*?<feed\\b[^>]*>");

    /**
     * How the client talks to arXiv.
     *
     * @param apiUrl {@code feeds.arxiv.api-url}
     * @param minInterval {@code feeds.arxiv.min-interval-seconds}: the least time between the end of one
     *     request and the start of the next
     * @param pageSize results asked for per request
     * @param maxPerFetch the most papers one fetch brings
     * @param backoff the first wait before a retry; each retry of the same page waits twice as long
     * @param attempts tries per page (errors and empty answers)
     */
    public record Settings(
            URI apiUrl, Duration minInterval, int pageSize, int maxPerFetch, Duration backoff, int attempts) {}

    /**
     * What one fetch brought.
     *
     * @param atom every entry of every page as one Atom feed; empty when there were none
     * @param ids the versionless arXiv ids, newest submission first
     * @param requests how many requests the fetch made (retries included)
     * @param why why paging stopped, in words
     */
    public record Result(byte[] atom, List<String> ids, int requests, String why) {}

    /** One connection at a time, and at least {@code minInterval} between requests, for every fetch of the process. */
    static final class Gate {
        private final ReentrantLock lock = new ReentrantLock(true);
        private final Duration minInterval;
        private long lastEnd = Long.MIN_VALUE;

        Gate(Duration minInterval) {
            this.minInterval = minInterval;
        }

        <T> T run(Request<T> request) throws IngestException, InterruptedException {
            lock.lockInterruptibly();
            try {
                if (lastEnd != Long.MIN_VALUE) {
                    long wait = lastEnd + minInterval.toNanos() - System.nanoTime();
                    if (wait > 0) java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
                }
                try {
                    return request.send();
                } finally {
                    lastEnd = System.nanoTime();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** One request through the gate. */
    @FunctionalInterface
    interface Request<T> {
        T send() throws IngestException;
    }

    /** One page as parsed: the feed's opening tag, its entries by versionless id, the total it announced. */
    private record Page(String head, Map<String, String> entries, int total) {}

    private final UrlFetcher fetcher;
    private final Settings settings;
    private final String userAgent;
    private final Gate gate;

    public ArxivClient(UrlFetcher fetcher, Settings settings, String userAgent) {
        this.fetcher = fetcher;
        this.settings = settings;
        this.userAgent = userAgent;
        this.gate = new Gate(settings.minInterval());
    }

    /** "PaperClub/0.1.0 (…)": who is asking and how politely, as arXiv asks API clients to say. */
    public static String userAgent(String version) {
        return version.replace(' ', '/')
                + " (self-hosted reading-group bot; arXiv feeds, one request at a time, at most one per 3 s)";
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Fetches the newest results of {@code search} (an arXiv API {@code search_query}), page by
     * page, until a page holds a paper {@code seen} knows (it returns the known ones among the
     * ids it is given), the results end, or {@link Settings#maxPerFetch} papers were read.
     *
     * @throws IngestException when arXiv refused the query, or kept failing after every attempt
     */
    public Result fetch(String search, Function<Collection<String>, Set<String>> seen) throws IngestException {
        Map<String, String> all = new LinkedHashMap<>();
        String head = null;
        int requests = 0;
        String why = "the cap of " + settings.maxPerFetch() + " papers per fetch was reached";
        int start = 0;
        while (all.size() < settings.maxPerFetch()) {
            int n = Math.min(settings.pageSize(), settings.maxPerFetch() - all.size());
            int[] tries = {0};
            Page page = page(search, start, n, tries);
            requests += tries[0];
            if (head == null) head = page.head();
            if (page.entries().isEmpty()) {
                why = start == 0 ? "arXiv answered with no papers" : "the results ended";
                break;
            }
            // never more than was asked for, whatever the server sends; a paper a later page repeats is kept once
            List<String> ids = new ArrayList<>(page.entries().keySet());
            if (ids.size() > n) ids = ids.subList(0, n);
            for (String id : ids) all.putIfAbsent(id, page.entries().get(id));
            if (!seen.apply(ids).isEmpty()) {
                why = "it reached papers seen before";
                break;
            }
            start += page.entries().size();
            if (page.entries().size() < n || start >= page.total()) {
                why = "the results ended";
                break;
            }
        }
        if (all.isEmpty()) return new Result(new byte[0], List.of(), requests, why);
        StringBuilder atom = new StringBuilder(head).append('\n');
        all.values().forEach(e -> atom.append(e).append('\n'));
        atom.append("</feed>\n");
        return new Result(atom.toString().getBytes(StandardCharsets.UTF_8), List.copyOf(all.keySet()), requests, why);
    }

    /** One page, retried on transient failures and empty answers; {@code tries[0]} counts the requests made. */
    private Page page(String search, int start, int n, int[] tries) throws IngestException {
        String url = settings.apiUrl() + "?search_query=" + URLEncoder.encode(search, StandardCharsets.UTF_8)
                + "&start=" + start + "&max_results=" + n + "&sortBy=submittedDate&sortOrder=descending";
        Duration wait = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= settings.attempts();
            Optional<Duration> asked = Optional.empty();
            try {
                tries[0]++;
                Page page = parse(gate.run(() -> body(url)), url);
                if (!page.entries().isEmpty() || last) return page;
                log.info("arXiv answered {} with no papers (attempt {}); trying again", url, attempt);
            } catch (UrlFetcher.TransientFailure e) {
                if (last) {
                    throw new IngestException(
                            "arXiv kept failing (" + attempt + " attempts); the last answer: " + withoutUrl(e, url));
                }
                asked = e.retryAfter();
                log.info("arXiv request failed (attempt {}), retrying: {}", attempt, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException("the arXiv fetch was interrupted");
            } catch (IngestException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(REFUSED)) throw e;
                throw new IngestException("arXiv: " + withoutUrl(e, url), e);
            }
            Duration pause = asked.isPresent() && asked.get().compareTo(wait) > 0 ? asked.get() : wait;
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException("the arXiv fetch was interrupted");
            }
            wait = wait.multipliedBy(2);
        }
    }

    /** The fetcher's message without the request URL it starts with (the moderator knows the feed; the URL is long). */
    private static String withoutUrl(IngestException e, String url) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.startsWith(url + ": ") ? m.substring(url.length() + 2) : m;
    }

    private String body(String url) throws IngestException {
        try (InputStream in = fetcher.fetch(url, userAgent).open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IngestException(url + ": cannot read the answer: " + e.getMessage(), e);
        }
    }

    /** Reads a page; an answer that is not an Atom feed is transient (a proxy's error page), an Error entry is not. */
    private static Page parse(String body, String url) throws IngestException {
        Matcher head = FEED_START.matcher(body);
        if (!head.find()) {
            throw new UrlFetcher.TransientFailure(url + ": arXiv's answer is not an Atom feed", Optional.empty(), null);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(body);
        while (m.find()) {
            String xml = m.group();
            Matcher id = ID.matcher(xml);
            String raw = id.find() ? id.group(1) : "";
            if (raw.contains("/api/errors")) {
                Matcher s = SUMMARY.matcher(xml);
                throw new IngestException(REFUSED + (s.find() ? s.group(1) : raw) + " (check the feed's query)");
            }
            Optional<String> arxiv = PaperIds.arxiv(raw);
            // an entry without an arXiv id is left to ingest to report (it keys by title)
            entries.putIfAbsent(arxiv.orElse("entry " + entries.size() + " of " + url), xml);
        }
        Matcher total = TOTAL.matcher(body);
        int announced = total.find() ? Integer.parseInt(total.group(1)) : Integer.MAX_VALUE;
        return new Page(head.group(), entries, announced);
    }

    /** Ids a fetch returned that are not arXiv ids (kept apart so they are never taken for papers). */
    static boolean isArxivId(String id) {
        return !id.startsWith("entry ");
    }

    static List<String> arxivIds(Collection<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) if (isArxivId(id)) out.add(id);
        return out;
    }
}
