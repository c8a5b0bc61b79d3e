package dev.paperclub.paper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paper ids. An arXiv id (without its version) when known; otherwise {@code t-} and 12 hex
 * digits of the SHA-256 of the normalized title, so the same paper gets the same id on every
 * machine and every run.
 */
public final class PaperIds {
    // new-style 2401.01234(v2) and old-style hep-th/9901001(v1), optionally in an abs/pdf URL
    private static final Pattern NEW_STYLE = Pattern.compile("(?<![\\d.])(\\d{4}\\.\\d{4,5})(?:v\\d+)?(?![\\d])");
    private static final Pattern OLD_STYLE = Pattern.compile("\\b([a-z][a-z.-]+(?:\\.[A-Z]{2})?/\\d{7})(?:v\\d+)?\\b");
    private static final Pattern ID_SHAPE =
            Pattern.compile("(\\d{4}\\.\\d{4,5}|[a-z][a-z.-]+(?:\\.[A-Z]{2})?/\\d{7}|t-[0-9a-f]{12})");

    private PaperIds() {}

    /** The id for a paper known only by its title. */
    public static String fromTitle(String title) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(TextNormalizer.titleKey(title).getBytes(StandardCharsets.UTF_8));
            return "t-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Extracts a versionless arXiv id from an id, {@code arXiv:} string or abs/pdf URL. */
    public static Optional<String> arxiv(String s) {
        if (s == null || s.isBlank()) return Optional.empty();
        String t = s.strip();
        Matcher m = NEW_STYLE.matcher(t);
        if (m.find()) return Optional.of(m.group(1));
        m = OLD_STYLE.matcher(t);
        if (m.find()) return Optional.of(m.group(1));
        return Optional.empty();
    }

    /**
     * The versionless arXiv id when the whole of {@code s} is one, with or without a version
     * ({@code 2401.01234v3} gives {@code 2401.01234}); empty for anything else, a URL included.
     */
    public static Optional<String> wholeArxiv(String s) {
        if (s == null) return Optional.empty();
        String t = s.strip();
        return arxiv(t).filter(a -> t.equals(a) || t.matches(Pattern.quote(a) + "v\\d+"));
    }

    private static final Pattern TITLE_ID = Pattern.compile("t-[0-9a-f]{12}");

    /** Whether {@code s} is an id PaperClub derived from a title ({@link #fromTitle}): a name, not an identity. */
    public static boolean isTitleId(String s) {
        return s != null && TITLE_ID.matcher(s.strip()).matches();
    }

    /** Whether {@code s} has the shape of a PaperClub id (arXiv id or title id). */
    public static boolean looksLikeId(String s) {
        return s != null && ID_SHAPE.matcher(s.strip()).matches();
    }
}
