package dev.paperclub.ingest;

import java.util.List;

/**
 * What one ingest did (or, in a dry run, would do). The id lists hold at most
 * {@link #LISTED} entries each; the counts are exact. {@code dropped} lists records that were
 * kept without a field that failed its check (a malformed link), with their line and why.
 */
public record IngestReport(
        String source,
        InputFormat format,
        boolean dryRun,
        int added,
        int updated,
        int unchanged,
        List<Rejection> rejections,
        List<String> addedIds,
        List<String> updatedIds,
        List<Rejection> dropped) {
    public static final int LISTED = 200;

    public int rejected() {
        return rejections.size();
    }

    public int records() {
        return added + updated + unchanged;
    }

    /** One line for humans: "hf-page: 22 added, 0 updated, 0 unchanged, 0 rejected". */
    public String summaryLine() {
        return (dryRun ? "[dry run] " : "") + source + " (" + format.description() + "): " + added + " added, "
                + updated + " updated, " + unchanged + " unchanged, " + rejected() + " rejected";
    }
}
