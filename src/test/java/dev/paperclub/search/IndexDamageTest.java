package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.LockObtainFailedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which failures to open an index are damage (rebuild it) and which are not (a lock, permissions). */
final class IndexDamageTest {
    @TempDir
    Path dir;

    private Path index() {
        return dir.resolve("index");
    }

    @Test
    @DisplayName("damage is named by its file, in words, without exception classes")
    void damageInWords() {
        assertEquals(
                Optional.of("_4.cfs is missing"),
                IndexDamage.describe(
                        index(),
                        new NoSuchFileException(index().resolve("_4.cfs").toString())));
        assertEquals(
                Optional.of("segments_7 is corrupt or truncated"),
                IndexDamage.describe(
                        index(),
                        new CorruptIndexException(
                                "checksum status indeterminate: remaining=0; please run checkindex for more details",
                                "BufferedChecksumIndexInput(ByteBufferIndexInput(path=\""
                                        + index().resolve("segments_7") + "\"))")));
        Optional<String> eof = IndexDamage.describe(
                index(),
                new UncheckedIOException(
                        new EOFException("read past EOF: MMapIndexInput(path=\"" + index().resolve("_0.si") + "\")")));
        assertEquals(Optional.of("_0.si ends too early"), eof, "found through the cause");
    }

    @Test
    @DisplayName("a lock, a missing file elsewhere, or a permission problem is not damage")
    void notDamage() {
        assertEquals(
                Optional.empty(),
                IndexDamage.describe(
                        index(),
                        new LockObtainFailedException(
                                "Lock held by another program: " + index().resolve("write.lock"))));
        IOException lockedWhileReading = new CorruptIndexException("x", "y");
        lockedWhileReading.addSuppressed(new LockObtainFailedException("Lock held by another program"));
        assertEquals(
                Optional.empty(),
                IndexDamage.describe(index(), lockedWhileReading),
                "a lock anywhere in the chain wins");
        assertEquals(
                Optional.empty(),
                IndexDamage.describe(
                        index(), new NoSuchFileException(dir.resolve("other").toString())));
        assertEquals(Optional.empty(), IndexDamage.describe(index(), new NoSuchFileException(index().toString())));
        assertEquals(
                Optional.empty(),
                IndexDamage.describe(
                        index(),
                        new AccessDeniedException(index().resolve("write.lock").toString())));
    }

    @Test
    @DisplayName("the damaged index is renamed beside itself, never over an earlier damaged copy")
    void movedAside() throws IOException {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        Files.createDirectories(index());
        Files.writeString(index().resolve("_0.cfs"), "first");
        Path first = IndexDamage.moveAside(index(), now);
        assertEquals(dir.resolve("index.damaged-20261125-100000"), first);
        Files.createDirectories(index());
        Path second = IndexDamage.moveAside(index(), now);
        assertEquals(dir.resolve("index.damaged-20261125-100000-2"), second);
        assertTrue(Files.exists(first.resolve("_0.cfs")) && !Files.exists(index()));
    }
}
