package dev.paperclub.search;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Tells an index that cannot be opened because its files are damaged (corrupt, truncated,
 * missing, of an unreadable format) from one that cannot be opened for another reason (held
 * by another process, no permission). Only damage may be answered by setting the index aside
 * and rebuilding it from the store: a locked index belongs to a running process.
 */
final class IndexDamage {
    /** Lucene names the file a failure is about as {@code path="/…/index/_4.cfs"} in its resource descriptions. */
    private static final Pattern RESOURCE_PATH = Pattern.compile("path=\"([^\"]+)\"");
    /** Some messages (FileNotFoundException, EOF) carry the bare path instead. */
    private static final Pattern BARE_PATH = Pattern.compile("(/[^\\s\"():]+)");

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private IndexDamage() {}

    /**
     * Why the index in {@code dir} is damaged, in words for a user (no exception classes), when
     * {@code failure} (or anything that caused it) says it is; empty for any other failure, and
     * always empty when a lock is involved.
     */
    static Optional<String> describe(Path dir, Throwable failure) {
        if (locked(failure)) return Optional.empty();
        for (Throwable t : chain(failure)) {
            String reason = reason(dir, t);
            if (reason != null) return Optional.of(reason);
        }
        return Optional.empty();
    }

    /** True when {@code failure} (or anything it carries) is Lucene refusing the write lock. */
    static boolean locked(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof LockObtainFailedException) return true;
        }
        return false;
    }

    private static String reason(Path dir, Throwable t) {
        if (t instanceof CorruptIndexException e) {
            return fileOr(e.getResourceDescription(), "a file") + " is corrupt or truncated";
        }
        if (t instanceof IndexFormatTooOldException e) {
            return fileOr(e.getResourceDescription(), "a file") + " is in a format this version cannot read";
        }
        if (t instanceof IndexFormatTooNewException e) {
            return fileOr(e.getResourceDescription(), "a file") + " is in a format this version cannot read";
        }
        if (t instanceof EOFException e) {
            return fileOr(e.getMessage(), "a file") + " ends too early";
        }
        if (t instanceof NoSuchFileException e && e.getFile() != null && inside(dir, Path.of(e.getFile()))) {
            return Path.of(e.getFile()).getFileName() + " is missing";
        }
        if (t instanceof FileNotFoundException e
                && e.getMessage() != null
                && e.getMessage().contains(dir.toAbsolutePath().normalize().toString())) {
            return fileOr(e.getMessage(), "a file") + " is missing";
        }
        return null;
    }

    /** The failure and everything it carries (causes, suppressed), each once. */
    private static Iterable<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) continue;
            out.add(t);
            if (t.getCause() != null) todo.add(t.getCause());
            Collections.addAll(todo, t.getSuppressed());
        }
        return out;
    }

    private static boolean inside(Path dir, Path file) {
        Path d = dir.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        return f.startsWith(d) && !f.equals(d);
    }

    /** The file name in a Lucene resource description or message, else {@code otherwise}. */
    private static String fileOr(String text, String otherwise) {
        if (text == null) return otherwise;
        Matcher m = RESOURCE_PATH.matcher(text);
        String last = null;
        while (m.find()) last = m.group(1);
        if (last == null) {
            Matcher bare = BARE_PATH.matcher(text);
            while (bare.find()) last = bare.group(1);
        }
        if (last == null) return otherwise;
        Path name = Path.of(last).getFileName();
        return name == null ? otherwise : name.toString();
    }

    /**
     * Renames {@code dir} to a sibling {@code <name>.damaged-<UTC time>} so nothing is lost,
     * and returns where it went.
     */
    static Path moveAside(Path dir, Instant now) throws IOException {
        String base = dir.getFileName() + ".damaged-" + STAMP.format(now);
        Path target = dir.resolveSibling(base);
        for (int n = 2; Files.exists(target); n++) target = dir.resolveSibling(base + "-" + n);
        return Files.move(dir, target);
    }
}
