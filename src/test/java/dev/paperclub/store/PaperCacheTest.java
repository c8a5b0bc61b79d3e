package dev.paperclub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.paper.Paper;
import dev.paperclub.paper.PaperRecord;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The papers-by-id cache never answers from before a change, whoever made it. */
final class PaperCacheTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static void upsert(PaperStore store, String abstractText) {
        store.database().write(c -> {
            PaperStore.Batch b = store.batch(c);
            b.upsert(
                    new PaperRecord(
                            "2401.00001",
                            "2401.00001",
                            "Cached Paper",
                            abstractText,
                            List.of(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            List.of("jsonl"),
                            1),
                    NOW);
            b.finish();
            return null;
        });
    }

    @Test
    void repeatsAreServedFromMemoryAndEveryChangeIsSeen() {
        Path file = dir.resolve("paperclub.db");
        // two stores on one file: this process and another (a CLI ingest, say)
        try (Database one = Database.open(file);
                Database other = Database.open(file)) {
            PaperStore here = new PaperStore(one);
            PaperStore there = new PaperStore(other);
            upsert(here, "Short.");
            assertEquals("Short.", here.find("2401.00001").orElseThrow().abstractText());
            assertEquals(
                    "Short.", here.findAll(List.of("2401.00001", "nope")).get(0).abstractText());
            assertEquals(1, here.cacheStats().hitCount(), "the second read came from memory");

            upsert(there, "A longer abstract replaces the short one.");
            assertEquals(
                    "A longer abstract replaces the short one.",
                    here.find("2401.00001").orElseThrow().abstractText());
            assertTrue(there.remove("2401.00001", NOW));
            assertTrue(here.find("2401.00001").isEmpty(), "removed elsewhere");
            assertEquals(List.<Paper>of(), here.findAll(List.of("2401.00001")));
            assertTrue(there.restore("2401.00001", NOW));
            assertTrue(here.find("2401.00001").isPresent());
        }
    }

    @Test
    void removedPapersAreFoundFromTheirOwnIndex() {
        try (Database db = Database.open(dir.resolve("p.db"))) {
            String plan = db.read(c -> {
                StringBuilder b = new StringBuilder();
                try (ResultSet rs = c.createStatement()
                        .executeQuery("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM papers WHERE removed_at IS NOT NULL")) {
                    while (rs.next()) b.append(rs.getString(4)).append('\n');
                }
                return b.toString();
            });
            assertTrue(plan.contains("papers_removed"), plan);
        }
    }
}
