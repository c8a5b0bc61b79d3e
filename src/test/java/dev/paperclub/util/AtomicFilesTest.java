package dev.paperclub.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output files as the CLI's -o/--output/--run write them: regular files, links, FIFOs, devices, mistakes. */
final class AtomicFilesTest {
    @TempDir
    Path dir;

    private static void write(Path target, String text) throws IOException {
        AtomicFiles.write(target, out -> out.write(text));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void newFileGetsTheUsualPermissionsNotPrivateOnes() throws IOException {
        assumeTrue(posix(dir));
        Path reference = Files.createFile(dir.resolve("reference"));
        Path out = dir.resolve("out.jsonl");
        write(out, "a\n");
        assertEquals("a\n", Files.readString(out));
        assertEquals(
                Files.getPosixFilePermissions(reference),
                Files.getPosixFilePermissions(out),
                "a new output file gets what the umask gives any new file");
    }

    @Test
    void replacedFileKeepsItsPermissions() throws IOException {
        assumeTrue(posix(dir));
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "old\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
        write(out, "new\n");
        assertEquals("new\n", Files.readString(out));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    @Test
    void aFailureLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "old\n");
        assertThrows(
                IllegalStateException.class,
                () -> AtomicFiles.write(out, w -> {
                    w.write("half");
                    throw new IllegalStateException("content failed");
                }));
        assertEquals("old\n", Files.readString(out));
        assertEquals(List.of("out.jsonl"), names());
    }

    @Test
    void aSymlinkIsWrittenThroughAndStays() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path real = sub.resolve("real.jsonl");
        Files.writeString(real, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), Path.of("sub", "real.jsonl"));
        write(link, "new\n");
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("new\n", Files.readString(real));
        try (Stream<Path> s = Files.list(sub)) {
            assertEquals(List.of(real), s.toList(), "no temporary file left beside the real file");
        }

        // a link to a file not there yet creates it where the link points, as a shell's > would
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.jsonl"), Path.of("sub", "later.jsonl"));
        write(dangling, "later\n");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("later\n", Files.readString(sub.resolve("later.jsonl")));
    }

    @Test
    void aFifoIsWrittenDirectly() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            mkfifo = null;
        }
        assumeTrue(mkfifo != null && mkfifo.waitFor() == 0, "mkfifo is available");
        Path received = dir.resolve("received");
        Process reader = new ProcessBuilder("cat", fifo.toString())
                .redirectOutput(received.toFile())
                .start();
        try {
            write(fifo, "through the pipe\n");
            assertTrue(reader.waitFor(10, TimeUnit.SECONDS), "the reader saw the writer close");
            assertEquals("through the pipe\n", Files.readString(received));
            assertTrue(
                    Files.readAttributes(
                                    fifo, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .isOther(),
                    "the FIFO is still a FIFO");
        } finally {
            reader.destroyForcibly();
        }
    }

    @Test
    void aDeviceIsWrittenDirectlyAndItsFailureNamesTheTarget() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full) && !Files.isRegularFile(full) && Files.isWritable(full));
        Path link = Files.createSymbolicLink(dir.resolve("full.jsonl"), full);
        UserFileException e = assertThrows(UserFileException.class, () -> write(link, "x\n"));
        assertTrue(e.getMessage().startsWith("cannot write " + link + ": "), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertTrue(Files.isSymbolicLink(link), "the link to the device stays");
        assertEquals(List.of("full.jsonl"), names());
    }

    @Test
    void mistakesAreNamedPlainly() throws IOException {
        Path missing = dir.resolve("nope").resolve("out.jsonl");
        UserFileException e = assertThrows(UserFileException.class, () -> write(missing, "x"));
        assertEquals(
                "cannot write " + missing + ": directory " + dir.resolve("nope") + " does not exist", e.getMessage());

        Path sub = Files.createDirectory(dir.resolve("sub"));
        e = assertThrows(UserFileException.class, () -> write(sub, "x"));
        assertEquals("cannot write " + sub + ": it is a directory", e.getMessage());

        Path toDir = Files.createSymbolicLink(dir.resolve("to-dir"), sub);
        e = assertThrows(UserFileException.class, () -> write(toDir, "x"));
        assertEquals("cannot write " + toDir + ": it is a directory", e.getMessage());

        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        e = assertThrows(UserFileException.class, () -> write(file.resolve("out.jsonl"), "x"));
        assertTrue(e.getMessage().startsWith("cannot write " + file.resolve("out.jsonl") + ": "), e.getMessage());
        assertEquals(List.of("file.txt", "sub", "to-dir"), names(), "no temporary files left");
    }
}
