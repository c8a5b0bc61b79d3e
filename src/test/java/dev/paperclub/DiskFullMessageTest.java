package dev.paperclub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * A verb that failed for want of space says the disk is full, and, when it was the search index
 * that could not be written, that what is stored is kept (the index is derived from the store).
 * The failures are the ones a full disk gives Lucene and the JDK ("No space left on device").
 */
final class DiskFullMessageTest {
    @Test
    void theIndexFailingOnAFullDiskSaysTheStoredPapersAreKept() {
        // as IndexSync reports a catch-up that Lucene could not write
        UncheckedIOException index = new UncheckedIOException(
                "updating the search index failed: No space left on device",
                new IOException("No space left on device"));
        assertEquals(
                "the disk is full (No space left on device), so the search index could not be brought up to date;"
                        + " everything stored is kept, and the index catches up the next time PaperClub opens the data dir with space free",
                Main.message(index));
    }

    @Test
    void anyOtherWriteFailingOnAFullDiskSaysTheDiskIsFull() {
        assertEquals(
                "the disk is full (No space left on device); free some space and run it again",
                Main.message(new UncheckedIOException(new IOException("No space left on device"))));
    }
}
