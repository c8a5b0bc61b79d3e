package dev.paperclub.ingest;

import dev.paperclub.util.DaemonThreads;
import dev.paperclub.util.NetworkErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads an input over http(s) with the guards a bot that takes URLs from chat needs:
 * http and https only, loopback/private/link-local addresses refused unless allowed, a size
 * cap enforced while reading, a connect timeout and an overall deadline, a bounded number of
 * redirects (each hop checked again), and only text, JSON or XML content types.
 */
public final class UrlFetcher {
    private static final Set<String> TYPES = Set.of("application/json", "application/xml", "application/atom+xml",
            "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines",
            "application/octet-stream", "application/rss+xml");

    /** Limits for one fetch. */
    public record Limits(long maxBytes, boolean allowPrivate, Duration connectTimeout, Duration readTimeout, int maxRedirects) {}

    private final Limits limits;
    private final HttpClient client;

    public UrlFetcher(Limits limits) {
        this.limits = limits;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout())
                .build();
    }

    /** Fetches {@code url} and returns its body as an input named by the URL. */
    public IngestInput fetch(String url) throws IngestException {
        URI uri = parse(url);
        ExecutorService reader = Executors.newSingleThreadExecutor(DaemonThreads.named("url-fetch"));
        try {
            Future<byte[]> body = reader.submit(() -> download(uri));
            try {
                byte[] bytes = body.get(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
                return IngestInput.ofBytes(url, bytes);
            } catch (TimeoutException e) {
                body.cancel(true);
                throw new IngestException(url + ": the server did not finish sending within "
                        + limits.readTimeout().toSeconds() + " s (ingest.read-timeout-seconds).");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IngestException ie) throw ie;
                throw new IngestException(url + ": download failed: " + describe(e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException(url + ": download interrupted");
            }
        } finally {
            reader.shutdownNow();
        }
    }

    private byte[] download(URI start) throws IngestException, IOException, InterruptedException {
        URI uri = start;
        for (int hop = 0; ; hop++) {
            checkAddress(uri);
            HttpRequest req = HttpRequest.newBuilder(uri)
                    .timeout(limits.readTimeout())
                    .header("User-Agent", "PaperClub (self-hosted reading-group bot)")
                    .header("Accept", "application/json, application/atom+xml, application/xml, text/plain;q=0.9, */*;q=0.1")
                    .GET().build();
            HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            int code = resp.statusCode();
            if (code >= 300 && code < 400 && code != 304) {
                resp.body().close();
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
                continue;
            }
            try (InputStream in = resp.body()) {
                if (code != 200) {
                    throw new IngestException(uri + ": the server answered HTTP " + code + ".");
                }
                String type = resp.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
                String mime = type.split(";")[0].strip();
                if (!mime.isEmpty() && !mime.startsWith("text/") && !TYPES.contains(mime) && !mime.endsWith("+json")
                        && !mime.endsWith("+xml")) {
                    throw new IngestException(uri + ": content type '" + mime + "' is not text, JSON or XML.");
                }
                long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > limits.maxBytes()) {
                    throw new IngestException(uri + ": " + declared + " bytes is over the limit of " + limits.maxBytes()
                            + " bytes (ingest.max-bytes).");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[16 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (out.size() + (long) n > limits.maxBytes()) {
                        throw new IngestException(uri + ": the body is over the limit of " + limits.maxBytes()
                                + " bytes (ingest.max-bytes).");
                    }
                    out.write(buf, 0, n);
                    if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
                }
                return out.toByteArray();
            }
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
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second == 18 || second == 19))
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
        if (t instanceof java.io.EOFException || (t instanceof java.io.IOException && t.getMessage() != null
                && (t.getMessage().contains("closed") || t.getMessage().contains("EOF") || t.getMessage().contains("no bytes")))) {
            return "the server closed the connection before sending the whole body; try again";
        }
        if (t instanceof java.io.IOException) return "network error" + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return t == null ? "unknown error" : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
