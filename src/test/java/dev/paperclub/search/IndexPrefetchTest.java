package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class IndexPrefetchTest {

    @Test
    @DisplayName("reading ahead changes no file, creates none, and skips what is not there")
    void readsOnly(@TempDir Path dir) throws Exception {
        byte[] large = new byte[(int) IndexPrefetch.WHOLE_FILE * 2 + 123];
        new Random(7).nextBytes(large);
        Files.write(dir.resolve("_0.doc"), large);
        Files.writeString(dir.resolve("_0.si"), "small");
        Files.write(dir.resolve("empty"), new byte[0]);
        Files.createDirectory(dir.resolve("sub"));

        ExecutorService work = PaperIndex.workPool();
        try {
            IndexPrefetch.prefetch(dir, work);
            IndexPrefetch.prefetch(dir.resolve("missing"), work);
        } finally {
            work.shutdownNow();
        }

        assertArrayEquals(large, Files.readAllBytes(dir.resolve("_0.doc")));
        assertEquals("small", Files.readString(dir.resolve("_0.si")));
        try (var files = Files.list(dir)) {
            assertEquals(
                    Arrays.asList("_0.doc", "_0.si", "empty", "sub"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    @DisplayName("an index opens and searches as before after its files were read ahead")
    void indexOpensAfterPrefetch(@TempDir Path dir) throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(Fixtures.all());
            index.commit(1);
        }
        try (PaperIndex index = PaperIndex.open(dir)) { // prefetches in the constructor
            assertEquals(Fixtures.all().size(), index.count());
            assertEquals(1, index.committedSequence());
        }
    }
}
