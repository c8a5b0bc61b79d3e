package dev.paperclub.summary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bot-facing entry point: summaries are cached per paper id and content hash, so an
 * edited abstract is summarized afresh while repeated {@code /summarize} calls are free.
 * Failures ({@link SummaryException}) are not cached. Thread-safe.
 */
public final class SummaryService {

    static final long DEFAULT_MAX_ENTRIES = 10_000;

    private record Key(String paperId, String contentHash) {}

    private final Summarizer summarizer;
    private final Cache<Key, Summary> cache;

    public SummaryService(Summarizer summarizer) {
        this(summarizer, DEFAULT_MAX_ENTRIES);
    }

    public SummaryService(Summarizer summarizer, long maxEntries) {
        this.summarizer = summarizer;
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).recordStats().build();
    }

    /** Summary of the paper, from cache when the same id and text were summarized before. */
    public Summary summarize(String paperId, String title, String abstractText) {
        Key key = new Key(paperId == null ? "" : paperId, hash(title, abstractText));
        return cache.get(key, k -> summarizer.summarize(title, abstractText));
    }

    public CacheStats stats() {
        return cache.stats();
    }

    private static String hash(String title, String abstractText) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(String.valueOf(title).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0); // separator: ("ab","c") and ("a","bc") must differ
            md.update(String.valueOf(abstractText).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
