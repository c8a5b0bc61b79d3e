package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.paper.Paper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.MergePolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PaperIndexTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a new index is empty at sequence 0")
    void newIndex() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            assertEquals(0, index.committedSequence());
            assertEquals(0, index.count());
        }
    }

    @Test
    @DisplayName("a bulk load large enough to be split indexes every part on the work pool, and the index stays usable")
    void bulkLoadInParts() throws Exception {
        List<Paper> many = new ArrayList<>();
        for (int i = 0; i < 2_500; i++)
            many.add(Fixtures.paper("bulk-" + i, "Bulk paper " + i, "About item " + i, List.of(), null, 0));
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsertBulk(many, 3);
            index.upsertBulk(many.subList(0, 2_100), 2); // replaced, not added twice
            assertEquals(2_500, index.count());
        }
    }

    @Test
    @DisplayName("upsert replaces by id; delete removes; unknown ids are ignored")
    void upsertAndDelete() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(Fixtures.all());
            int n = Fixtures.all().size();
            assertEquals(n, index.count());

            index.upsert(List.of(Fixtures.paper(Fixtures.OLD, "Renamed", "x", List.of(), null, 0)));
            assertEquals(n, index.count());

            index.delete(List.of(Fixtures.OLD, "no-such-id"));
            assertEquals(n - 1, index.count());
            assertTrue(index.sizeBytes() > 0);
        }
    }

    @Test
    @DisplayName(
            "closing after committed writes keeps the merges they called for; uncommitted writes are still dropped")
    void closeKeepsMerges() throws Exception {
        int commits = 30;
        // After the first 20 commits, merges take a while: the one the last 10 commits call for
        // cannot finish before close() unless close() waits for it.
        java.util.concurrent.atomic.AtomicBoolean slow = new java.util.concurrent.atomic.AtomicBoolean();
        ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler() {
            @Override
            protected void doMerge(MergeSource source, MergePolicy.OneMerge merge) throws IOException {
                if (slow.get()) {
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.doMerge(source, merge);
            }
        };
        int before = -1;
        try (PaperIndex index = PaperIndex.open(dir, AnalysisOptions.defaults(), merges)) {
            for (int i = 0; i < commits; i++) {
                if (i == 20) {
                    Thread.sleep(500); // let the fast merges finish
                    index.refresh();
                    before = index.withSearcher(s -> s.getIndexReader().leaves().size());
                    slow.set(true);
                }
                index.upsert(List.of(
                        Fixtures.paper("m-" + i, "Merged paper " + i, "About merging " + i, List.of(), null, 0)));
                index.commit(i + 1); // each commit flushes one small segment
            }
        }
        // the commit on disk, before anything reopens it (a new writer's first refresh merges small segments itself)
        int segments;
        try (org.apache.lucene.store.FSDirectory d = org.apache.lucene.store.FSDirectory.open(dir)) {
            segments = org.apache.lucene.index.SegmentInfos.readLatestCommit(d).size();
        }
        assertTrue(
                segments < before + 5, "segments after close: " + segments + ", before the last 10 commits: " + before);
        try (PaperIndex index = PaperIndex.open(dir)) {
            assertEquals(commits, index.count());
            assertEquals(commits, index.committedSequence());
            index.upsert(List.of(Fixtures.paper("m-uncommitted", "Never committed", "x", List.of(), null, 0)));
        }
        try (PaperIndex index = PaperIndex.open(dir)) {
            assertEquals(commits, index.count());
        }
    }

    @Test
    @DisplayName("reopening keeps the committed sequence and documents")
    void reopenKeepsSequence() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(Fixtures.all());
            index.commit(42);
        }
        try (PaperIndex index = PaperIndex.open(dir)) {
            assertEquals(42, index.committedSequence());
            assertEquals(Fixtures.all().size(), index.count());
        }
    }

    @Test
    @DisplayName(
            "a crash before commit loses the upsert, and the sequence says what to replay; replaying twice is harmless")
    void crashHealsByReplay() throws Exception {
        Paper extra = Fixtures.paper(
                "t-extra",
                "Uncommitted Paper About Lighthouses",
                "Lighthouses.",
                List.of(),
                LocalDate.of(2026, 1, 1),
                0);
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(Fixtures.hfPapers());
            index.commit(10);
            // the store committed change 11 (extra) and 12 (a delete); the process dies before the index commits
            index.upsert(List.of(extra));
            index.delete(List.of("2606.13392"));
            index.refresh();
            assertEquals(Fixtures.hfPapers().size(), index.count()); // +1 -1, visible before the crash
        } // close() = crash: nothing since commit(10) survives

        try (PaperIndex index = PaperIndex.open(dir)) {
            assertEquals(10, index.committedSequence());
            assertEquals(
                    0,
                    new PaperSearch(index)
                            .search(SearchQuery.of("lighthouses", 5))
                            .totalHits());
            assertEquals(
                    "2606.13392",
                    new PaperSearch(index)
                            .search(SearchQuery.of("MiniMax Sparse Attention", 1))
                            .hits()
                            .get(0)
                            .id());

            // replay changes after sequence 10, twice (a second crash mid-replay must not matter)
            for (int round = 0; round < 2; round++) {
                index.upsert(List.of(extra));
                index.delete(List.of("2606.13392"));
            }
            index.commit(12);
            PaperSearch search = new PaperSearch(index);
            index.refresh();
            assertEquals(1, search.search(SearchQuery.of("lighthouses", 5)).totalHits());
            assertTrue(search.search(SearchQuery.of("MiniMax Sparse Attention", 50)).hits().stream()
                    .noneMatch(h -> h.id().equals("2606.13392")));
            assertEquals(Fixtures.hfPapers().size(), index.count());
        }
        try (PaperIndex index = PaperIndex.open(dir)) {
            assertEquals(12, index.committedSequence());
        }
    }

    @Test
    @DisplayName("during a rebuild, searches keep seeing the previous index")
    void rebuildKeepsOldViewUntilDone() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(Fixtures.hfPapers());
            index.commit(5);
            index.refresh(); // the view searches have before the rebuild starts
            PaperSearch search = new PaperSearch(index);
            List<Integer> seenMidway = new ArrayList<>();
            Iterator<Paper> source = Fixtures.handWritten().iterator();
            Iterator<Paper> watching = new Iterator<>() {
                int served;

                public boolean hasNext() {
                    return source.hasNext();
                }

                public Paper next() {
                    if (served++ == 3) {
                        try {
                            seenMidway.add(index.count());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        seenMidway.add(search.search(SearchQuery.of("MiniMax Sparse Attention", 5))
                                .hits()
                                .size());
                    }
                    return source.next();
                }
            };
            index.rebuild(watching, 6, n -> {});
            assertEquals(Fixtures.hfPapers().size(), seenMidway.get(0));
            assertTrue(seenMidway.get(1) > 0);
            assertEquals(Fixtures.handWritten().size(), index.count());
            assertTrue(search.search(SearchQuery.of("MiniMax Sparse Attention", 5)).hits().stream()
                    .noneMatch(h -> h.id().equals("2606.13392")));
        }
    }

    @Test
    @DisplayName("rebuild replaces everything, commits the sequence and reports progress")
    void rebuild() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(Fixtures.handWritten());
            index.commit(3);
            List<Long> progress = new ArrayList<>();
            index.rebuild(Fixtures.hfPapers().iterator(), 99, progress::add);
            assertEquals(Fixtures.hfPapers().size(), index.count());
            assertEquals(99, index.committedSequence());
            assertEquals((long) Fixtures.hfPapers().size(), progress.get(progress.size() - 1));
        }
        try (PaperIndex index = PaperIndex.open(dir)) {
            assertEquals(99, index.committedSequence());
            assertEquals(Fixtures.hfPapers().size(), index.count());
        }
    }
}
