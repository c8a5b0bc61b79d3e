package dev.paperclub.paper;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for a paper's link, applied where a record is ingested and again where a
 * message is rendered: an absolute http(s) URL with a host, no whitespace or control
 * characters, at most {@value #MAX_LENGTH} characters. Discord rejects a whole message for one
 * embed link it cannot read, so a link that fails this rule is never stored or sent.
 */
public final class PaperUrls {
    public static final int MAX_LENGTH = 512;

    private PaperUrls() {}

    /** The URL when it passes the rule (unchanged), else empty. */
    public static Optional<String> valid(String url) {
        return isValid(url) ? Optional.of(url) : Optional.empty();
    }

    public static boolean isValid(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_LENGTH) return false;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Why {@code url} fails the rule, for an ingest report. */
    public static String problem(String url) {
        if (url.length() > MAX_LENGTH) return "longer than " + MAX_LENGTH + " characters";
        if (url.chars()
                .anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c))) {
            return "contains a space or control character";
        }
        return "not an http(s) link with a host";
    }
}
