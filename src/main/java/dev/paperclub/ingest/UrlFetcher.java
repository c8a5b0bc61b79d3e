package dev.paperclub.ingest;

import dev.paperclub.util.NetworkErrors;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads an input over http(s) with the guards a bot that takes URLs from chat needs:
 * http and https only, loopback/private/link-local addresses refused unless allowed, a size
 * cap enforced while reading, a connect timeout and an overall deadline, a bounded number of
 * redirects (each hop checked again), and only text, JSON or XML content types. The status and
 * headers are checked before any of the body is read, and the body is read by the HTTP client's
 * own threads: the caller waits for it until the deadline, then cancels the exchange.
 */
public final class UrlFetcher {
    private static final Set<String> TYPES = Set.of(
            "application/json",
            "application/xml",
            "application/atom+xml",
            "application/x-ndjson",
            "application/jsonl",
            "application/x-jsonlines",
            "application/jsonlines",
            "application/octet-stream",
            "application/rss+xml");

    /** Limits for one fetch. */
    public record Limits(
            long maxBytes, boolean allowPrivate, Duration connectTimeout, Duration readTimeout, int maxRedirects) {}

    private final Limits limits;
    private final HttpClient client;

    public UrlFetcher(Limits limits) {
        this.limits = limits;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout())
                .build();
    }

    /** What PaperClub calls itself when it downloads an input. */
    public static final String USER_AGENT = "PaperClub (self-hosted reading-group bot)";

    /**
     * A fetch that failed in a way worth trying again later: the server answered HTTP 429 or 5xx,
     * did not answer in time, or dropped the connection. {@code retryAfter} is the server's own
     * Retry-After (in seconds) when it sent one.
     */
    public static final class TransientFailure extends IngestException {
        private final transient Optional<Duration> retryAfter;

        public TransientFailure(String message, Optional<Duration> retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    /** Fetches {@code url} and returns its body as an input named by the URL. */
    public IngestInput fetch(String url) throws IngestException {
        return fetch(url, USER_AGENT);
    }

    /** Fetches {@code url} as {@link #fetch(String)} does, sending {@code userAgent} as the User-Agent. */
    public IngestInput fetch(String url, String userAgent) throws IngestException {
        URI uri = parse(url);
        // one deadline for the whole download, redirects included; the client's own threads do the reading
        long deadline = System.nanoTime() + limits.readTimeout().toNanos();
        try {
            return IngestInput.downloaded(url, download(url, uri, deadline, userAgent));
        } catch (TimeoutException e) {
            throw new TransientFailure(
                    url + ": the server did not finish sending within "
                            + limits.readTimeout().toSeconds() + " s (ingest.read-timeout-seconds).",
                    Optional.empty(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException(url + ": download interrupted");
        }
    }

    private byte[] download(String url, URI start, long deadline, String userAgent)
            throws IngestException, TimeoutException, InterruptedException {
        URI uri = start;
        for (int hop = 0; ; hop++) {
            checkAddress(uri);
            HttpRequest req = HttpRequest.newBuilder(uri)
                    .timeout(limits.readTimeout())
                    .header("User-Agent", userAgent)
                    .header(
                            "Accept",
                            "application/json, application/atom+xml, application/xml, text/plain;q=0.9, */*;q=0.1")
                    .GET()
                    .build();
            URI at = uri;
            HttpResponse<byte[]> resp = await(url, client.sendAsync(req, info -> body(at, info)), deadline);
            int code = resp.statusCode();
            if (!isRedirect(code)) return resp.body();
            String location = resp.headers().firstValue("Location").orElse(null);
            if (location == null) throw new IngestException(start + ": redirect " + code + " without a Location.");
            if (hop + 1 > limits.maxRedirects()) {
                throw new IngestException(start + ": more than " + limits.maxRedirects()
                        + " redirects (a redirect loop?); give the final URL.");
            }
            try {
                uri = uri.resolve(new URI(location.strip()));
            } catch (URISyntaxException e) {
                throw new IngestException(start + ": redirect to an invalid URL: " + location);
            }
        }
    }

    /** The response by the deadline; past it (or when interrupted) the exchange is cancelled, which drops the connection. */
    private static HttpResponse<byte[]> await(String url, CompletableFuture<HttpResponse<byte[]>> sent, long deadline)
            throws IngestException, TimeoutException, InterruptedException {
        try {
            return sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            sent.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IngestException ie) throw ie;
            }
            String why = url + ": download failed: " + describe(e.getCause());
            if (e.getCause() instanceof java.io.IOException) {
                throw new TransientFailure(why, Optional.empty(), e.getCause());
            }
            throw new IngestException(why, e.getCause());
        }
    }

    /** The Retry-After header in seconds (a date is not used: clocks differ), at most an hour. */
    private static Optional<Duration> retryAfter(HttpResponse.ResponseInfo info) {
        return info.headers()
                .firstValue("Retry-After")
                .filter(v -> v.strip().matches("\\d{1,7}"))
                .map(v -> Duration.ofSeconds(Math.min(3600, Long.parseLong(v.strip()))));
    }

    private static boolean isRedirect(int code) {
        return code >= 300 && code < 400 && code != 304;
    }

    /** What to do with a response's body, decided from its status and headers before any of it is read. */
    private HttpResponse.BodySubscriber<byte[]> body(URI uri, HttpResponse.ResponseInfo info) {
        int code = info.statusCode();
        if (isRedirect(code)) return CappedBody.unread(null); // only its Location is needed
        if (code != 200) {
            String why = uri + ": the server answered HTTP " + code + ".";
            return CappedBody.unread(
                    code == 429 || code >= 500
                            ? new TransientFailure(why, retryAfter(info), null)
                            : new IngestException(why));
        }
        String type = info.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String mime = type.split(";")[0].strip();
        if (!mime.isEmpty()
                && !mime.startsWith("text/")
                && !TYPES.contains(mime)
                && !mime.endsWith("+json")
                && !mime.endsWith("+xml")) {
            return CappedBody.unread(
                    new IngestException(uri + ": content type '" + mime + "' is not text, JSON or XML."));
        }
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > limits.maxBytes()) {
            return CappedBody.unread(new IngestException(uri + ": " + declared + " bytes is over the limit of "
                    + limits.maxBytes() + " bytes (ingest.max-bytes)."));
        }
        return new CappedBody(
                limits.maxBytes(),
                new IngestException(
                        uri + ": the body is over the limit of " + limits.maxBytes() + " bytes (ingest.max-bytes)."));
    }

    /**
     * A body collected up to a size cap, checked as it arrives: past the cap (or, for a body not
     * to be read at all, at once) the subscription is cancelled, which drops the connection.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long maxBytes;
        /** Why the body is refused once over the cap ({@code maxBytes} -1: refused unread; null: skipped, empty). */
        private final IngestException over;

        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        /** The body's buffers as they came, copied once into one array when it is complete. */
        private final List<ByteBuffer> received = new ArrayList<>();

        private long size;
        private Flow.Subscription subscription;

        CappedBody(long maxBytes, IngestException over) {
            this.maxBytes = maxBytes;
            this.over = over;
        }

        /** A body that is not read: the response fails with {@code refusal}, or, when null, has an empty body. */
        static CappedBody unread(IngestException refusal) {
            return new CappedBody(-1, refusal);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (maxBytes < 0) {
                stop();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) return;
            for (ByteBuffer b : items) {
                if (size + b.remaining() > maxBytes) {
                    stop();
                    return;
                }
                size += b.remaining();
                received.add(b);
            }
        }

        private void stop() {
            subscription.cancel();
            if (over == null) {
                result.complete(new byte[0]);
            } else {
                result.completeExceptionally(over);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            byte[] body = new byte[(int) size];
            int at = 0;
            for (ByteBuffer b : received) {
                int n = b.remaining();
                b.get(body, at, n);
                at += n;
            }
            result.complete(body);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }
    }

    private static URI parse(String url) throws IngestException {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IngestException(url + ": not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IngestException(url + ": only http and https URLs can be ingested.");
        }
        if (uri.getHost() == null) throw new IngestException(url + ": the URL has no host.");
        return uri;
    }

    private void checkAddress(URI uri) throws IngestException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IngestException(uri + ": only http and https URLs can be ingested (a redirect led elsewhere).");
        }
        if (limits.allowPrivate()) return;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new IngestException(uri + ": unknown host " + uri.getHost() + ".");
        }
        for (InetAddress a : addresses) {
            if (isPrivate(a)) {
                throw new IngestException(uri + ": refers to a private or local address (" + a.getHostAddress()
                        + "); set ingest.allow-private-urls=true to allow it.");
            }
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first == 0
                    || (first == 100 && second >= 64 && second < 128)
                    || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xFE) == 0xFC; // unique local fc00::/7
        }
        return false;
    }

    private static String describe(Throwable t) {
        Optional<String> unreachable = NetworkErrors.describe(t);
        if (unreachable.isPresent()) return unreachable.get();
        if (endedEarly(t)
                || (t instanceof java.io.IOException
                        && t.getMessage() != null
                        && (t.getMessage().contains("closed")
                                || t.getMessage().contains("EOF")
                                || t.getMessage().contains("no bytes")))) {
            return "the server closed the connection before sending the whole body; try again";
        }
        if (t instanceof java.io.IOException)
            return "network error" + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return t == null
                ? "unknown error"
                : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** The client reports a body cut short as an IOException caused by an EOFException. */
    private static boolean endedEarly(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.io.EOFException) return true;
        }
        return false;
    }
}
