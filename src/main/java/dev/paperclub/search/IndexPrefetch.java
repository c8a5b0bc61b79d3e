package dev.paperclub.search;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, several at once, the parts of the index files that opening the index reads one after
 * another: small files whole, and the first and last page of large ones (headers, checksummed
 * footers). Opening a large index on a cold disk is a long series of small random reads, one
 * segment file after the next; issued together, the disk serves them in parallel (the README's
 * benchmark gives what this saves at a million papers).
 *
 * <p>Only a hint: failures are ignored (the open reports real problems itself), and nothing
 * read here is kept except in the operating system's page cache.
 */
final class IndexPrefetch {

    private static final Logger log = LoggerFactory.getLogger(IndexPrefetch.class);
    /** Files up to this size are read whole. */
    static final long WHOLE_FILE = 1 << 20;

    private static final int PAGE = 4096;
    static final int THREADS = 8;
    private static final long MAX_WAIT_SECONDS = 10;

    private IndexPrefetch() {}

    /**
     * Reads ahead in {@code dir} on {@code pool} (up to {@link #THREADS} files at once) and returns
     * when done (or after a bounded wait); does nothing for a missing or empty folder.
     */
    static void prefetch(Path dir, ExecutorService pool) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            for (Path f : listing) if (Files.isRegularFile(f)) files.add(f);
        } catch (IOException e) {
            return; // a new index, or one the open will report on
        }
        if (files.size() < 2) return;
        List<Future<?>> reads = new ArrayList<>();
        try {
            for (Path f : files) reads.add(pool.submit(() -> read(f)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
            for (Future<?> r : reads) r.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            log.debug("index prefetch still running; opening anyway");
        } catch (ExecutionException e) {
            log.debug(
                    "index prefetch failed: {}",
                    e.getCause().toString()); // only a hint: the open reports real problems
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reads.forEach(r -> r.cancel(true));
        }
    }

    private static void read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(size <= WHOLE_FILE ? 64 * 1024 : PAGE);
            if (size <= WHOLE_FILE) {
                long pos = 0;
                while (pos < size) {
                    buf.clear();
                    int n = ch.read(buf, pos);
                    if (n <= 0) break;
                    pos += n;
                }
            } else {
                ch.read(buf, 0);
                buf.clear();
                ch.read(buf, size - PAGE);
            }
        } catch (NoSuchFileException e) {
            // merged away meanwhile
        } catch (IOException e) {
            log.debug("index prefetch of {} failed: {}", file.getFileName(), e.toString());
        }
    }
}
