package dev.paperclub.util;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;

/**
 * Writes an output file the user named. A regular file (or a new one) is written whole or not at
 * all: the content goes to a temporary file beside it, which then replaces it in one move, so a
 * failure leaves the old file untouched. A symbolic link is followed and the file it points to is
 * replaced, so the link stays. Anything else that exists (a device, a FIFO, {@code /dev/stdout})
 * cannot be replaced by a rename without destroying it, so it is written directly.
 * Failures are {@link UserFileException}s that name the target as given, never the temporary file.
 */
public final class AtomicFiles {
    /** Writes the content; may throw what writing throws. */
    @FunctionalInterface
    public interface Content {
        void writeTo(BufferedWriter out) throws IOException;
    }

    /** Linux's own limit on links followed in one path lookup. */
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {}

    /** Writes {@code content} to {@code target} as the class comment says. */
    public static void write(Path target, Content content) throws IOException {
        Resolved where = follow(target);
        BasicFileAttributes existing;
        try {
            existing = Files.readAttributes(where.path(), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            existing = null;
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        if (existing != null && existing.isDirectory())
            throw new UserFileException("cannot write " + target + ": it is a directory");
        if (where.openAsIs() || (existing != null && !existing.isRegularFile())) {
            writeDirectly(target, where.path(), content);
        } else {
            replace(target, where.path(), existing != null, content);
        }
    }

    /** Where the content goes: the real path, or a path to open as it is (a /proc descriptor). */
    private record Resolved(Path path, boolean openAsIs) {}

    /**
     * Follows symbolic links one at a time, the directories resolved at each step, so the
     * replacement happens where the file really is and beside it, whatever the links point at.
     */
    private static Resolved follow(Path target) throws IOException {
        Path path = target.toAbsolutePath();
        try {
            for (int links = 0; ; links++) {
                Path dir = path.getParent();
                if (dir == null) throw new UserFileException("cannot write " + target + ": it is a directory");
                Path realDir;
                try {
                    realDir = dir.toRealPath();
                } catch (NoSuchFileException e) {
                    Path shown = links == 0 && target.getParent() != null ? target.getParent() : dir;
                    throw new UserFileException("cannot write " + target + ": directory " + shown + " does not exist");
                }
                if (!Files.isDirectory(realDir)) {
                    throw new UserFileException("cannot write " + target + ": " + dir + " is not a directory");
                }
                path = realDir.resolve(path.getFileName());
                // /proc/<pid>/fd/N (where /dev/stdout and /dev/fd/N lead) names a descriptor already open,
                // often a pipe whose link text is no path at all: open it as it is, as a shell would.
                if (realDir.startsWith("/proc")) return new Resolved(path, true);
                if (!Files.isSymbolicLink(path)) return new Resolved(path, false);
                if (links == MAX_LINKS)
                    throw new UserFileException("cannot write " + target + ": too many symbolic links");
                path = realDir.resolve(Files.readSymbolicLink(path));
            }
        } catch (UserFileException e) {
            throw e;
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /**
     * Appends, so a descriptor the shell opened with {@code >>} keeps what it had; a device or FIFO
     * has no end to append to.
     */
    private static void writeDirectly(Path target, Path path, Content content) throws IOException {
        OutputStream os;
        try {
            os = Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        writeContent(target, os, null, content);
    }

    private static void replace(Path target, Path path, boolean exists, Content content) throws IOException {
        // Beside the target, so the move is a rename within one file system.
        Path tmp = path.resolveSibling("." + path.getFileName() + "-" + UUID.randomUUID() + ".tmp");
        OutputStream os;
        try {
            // CREATE_NEW gives the temporary file the permissions any new file gets (umask), unlike
            // createTempFile's 0600, which the move would carry over to the target.
            os = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        try {
            writeContent(target, os, exists ? () -> copyPermissions(path, tmp) : null, content);
            try {
                try {
                    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        if (Files.getFileAttributeView(from, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    /**
     * Runs {@code beforeContent} (if any) once the file is open and before any content is in it, so
     * a private file's data is never readable under broader permissions; then writes the content.
     * Only failures of the output become "cannot write": the content's own (reading its input, say)
     * pass through as they are.
     */
    private static void writeContent(Path target, OutputStream os, Step beforeContent, Content content)
            throws IOException {
        try (BufferedWriter out = writer(os)) {
            if (beforeContent != null) {
                try {
                    beforeContent.run();
                } catch (IOException e) {
                    throw cannotWrite(target, e);
                }
            }
            content.writeTo(out);
        } catch (WriteFailed e) {
            throw cannotWrite(target, e.getCause());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof WriteFailed w) throw cannotWrite(target, w.getCause());
            throw e;
        }
    }

    private static BufferedWriter writer(OutputStream os) {
        return new BufferedWriter(new OutputStreamWriter(new Guarded(os), StandardCharsets.UTF_8));
    }

    private static UserFileException cannotWrite(Path target, Throwable cause) {
        String why;
        if (cause instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (cause instanceof NoSuchFileException) {
            why = "no such file";
        } else if (cause instanceof FileSystemException fse) {
            // its message starts with the path (the temporary file's, perhaps); the reason alone says why
            why = fse.getReason() != null ? fse.getReason() : "the file system refused";
        } else {
            why = cause.getMessage() != null ? cause.getMessage() : "write failed";
        }
        return new UserFileException("cannot write " + target + ": " + why, cause);
    }

    /** Marks a failure of the output itself, as opposed to reading the content's own input. */
    private static final class WriteFailed extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Wraps the output's exceptions in {@link WriteFailed}. */
    private static final class Guarded extends GuardedOutputStream {
        Guarded(OutputStream out) {
            super(out);
        }

        @Override
        protected IOException failed(IOException failure) {
            return new WriteFailed(failure);
        }
    }
}
