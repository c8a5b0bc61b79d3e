package dev.paperclub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.paper.Paper;
import dev.paperclub.search.SearchHit;
import dev.paperclub.search.SearchMode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index is derived from the store: when its files are damaged, opening the app sets it
 * aside and rebuilds it, whatever verb opened it. A lock is not damage.
 */
final class DamagedIndexTest {
    @TempDir
    Path dir;

    /** Ingests two samples into a real data dir and closes it; returns how many papers it holds. */
    private int library() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            TestApps.ingestSample(app, "hf_listing_001.txt");
            return app.papers().count();
        }
    }

    private Path index() {
        return dir.resolve("index");
    }

    private Path onlyFile(String glob) throws IOException {
        try (Stream<Path> files = Files.list(index())) {
            List<Path> found = files.filter(p ->
                            p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                    .toList();
            assertFalse(found.isEmpty(), "no " + glob + " in the index");
            return found.get(0);
        }
    }

    private List<Path> damagedCopies() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("index.damaged-"))
                    .toList();
        }
    }

    /** Reopens the app and checks the index holds every paper again and finds one by its title. */
    private void reopensWhole(int papers) throws Exception {
        try (App app = TestApps.open(dir)) {
            assertEquals(papers, app.papers().count());
            assertEquals(papers, app.index().count(), "the index is rebuilt from the store");
            Paper some = app.papers().pageAfter("", 1).get(0);
            List<String> hits = app.search().rank(some.title(), 5, SearchMode.LEXICAL).stream()
                    .map(SearchHit::id)
                    .toList();
            assertTrue(hits.contains(some.id()), hits + " should contain " + some.id());
        }
        assertEquals(1, damagedCopies().size(), "the damaged index is kept aside, not destroyed");
    }

    @Test
    @DisplayName("a missing segment file: the index is set aside and rebuilt")
    void missingSegmentFile() throws Exception {
        int papers = library();
        Files.delete(onlyFile("_*.cfs"));
        reopensWhole(papers);
    }

    @Test
    @DisplayName("a missing deletions file, found only once the writer holds the lock: released, set aside and rebuilt")
    void missingDeletionsFile() throws Exception {
        int papers = library(); // the listing updates a paper of the page: its old document is deleted
        Files.delete(onlyFile("_*.liv"));
        reopensWhole(papers);
    }

    @Test
    @DisplayName("a truncated segments_N file: the index is set aside and rebuilt")
    void truncatedCommit() throws Exception {
        int papers = library();
        try (RandomAccessFile f = new RandomAccessFile(onlyFile("segments_*").toFile(), "rw")) {
            f.setLength(50);
        }
        reopensWhole(papers);
    }

    @Test
    @DisplayName("a segments_N file with a format version this Lucene cannot read: set aside and rebuilt")
    void unreadableFormatVersion() throws Exception {
        int papers = library();
        try (RandomAccessFile f = new RandomAccessFile(onlyFile("segments_*").toFile(), "rw")) {
            f.seek(13); // after the magic number and the codec name "segments"
            f.writeInt(0x7f7f7f7f);
        }
        reopensWhole(papers);
    }

    @Test
    @DisplayName("an index locked by another app is not damage: opening fails and nothing is moved or rebuilt")
    void lockIsNotDamage() throws Exception {
        int papers = library();
        try (App running = TestApps.open(dir)) {
            assertThrows(RuntimeException.class, () -> TestApps.open(dir));
            assertEquals(List.of(), damagedCopies());
            assertEquals(papers, running.index().count());
        }
    }
}
