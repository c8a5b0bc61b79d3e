package dev.paperclub.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting a folder and everything in it (scratch folders of the CLI, the benchmark and evaluation). */
public final class FileTrees {
    private FileTrees() {}

    /** Deletes {@code dir} and its contents, deepest first; nothing to do when it does not exist. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
