package dev.paperclub.ingest;

import java.util.function.LongConsumer;

/**
 * How to ingest: {@code dryRun} reports what would change and stores nothing; {@code strict}
 * refuses the whole input when any record is bad; {@code progress} receives the number of
 * records read so far, every few thousand records.
 */
public record IngestOptions(boolean dryRun, boolean strict, LongConsumer progress) {
    public static final IngestOptions DEFAULT = new IngestOptions(false, false, n -> {});

    public IngestOptions {
        progress = progress == null ? n -> {} : progress;
    }
}
