package dev.paperclub.ingest;

import dev.paperclub.store.UpsertOutcome;
import java.util.ArrayList;
import java.util.List;

/** What storing an input's records did so far: the counts, and the first {@link IngestReport#LISTED} ids of each kind. */
final class Counts {
    int added;
    int updated;
    int unchanged;
    final List<String> addedIds = new ArrayList<>();
    final List<String> updatedIds = new ArrayList<>();

    void count(UpsertOutcome o) {
        switch (o.kind()) {
            case ADDED -> {
                added++;
                if (addedIds.size() < IngestReport.LISTED) addedIds.add(o.paperId());
            }
            case UPDATED -> {
                updated++;
                if (updatedIds.size() < IngestReport.LISTED) updatedIds.add(o.paperId());
            }
            case UNCHANGED -> unchanged++;
        }
    }

    IngestReport report(
            String source, InputFormat format, boolean dryRun, List<Rejection> rejections, List<Rejection> dropped) {
        return new IngestReport(
                source,
                format,
                dryRun,
                added,
                updated,
                unchanged,
                List.copyOf(rejections),
                List.copyOf(addedIds),
                List.copyOf(updatedIds),
                List.copyOf(dropped));
    }
}
