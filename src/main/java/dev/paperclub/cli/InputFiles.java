package dev.paperclub.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an input file a verb was given before any work starts, saying plainly what is wrong with it. */
final class InputFiles {
    private InputFiles() {}

    static void check(Path file) {
        if (Files.isDirectory(file)) throw new UserError(file + ": is a directory, not a file.");
        if (!Files.exists(file)) throw new UserError(file + ": no such file.");
        if (!Files.isRegularFile(file)) throw new UserError(file + ": not a regular file.");
        if (!Files.isReadable(file)) throw new UserError(file + ": not readable (check its permissions).");
    }
}
