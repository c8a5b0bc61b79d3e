package dev.paperclub.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How to run a PaperClub verb from a shell, as hints should name it: there is no
 * {@code paperclub} launcher, only {@code java -jar} on the jar this process runs from.
 */
public final class Launcher {
    /** The jar as the README builds it, when this process does not run from a jar (tests, an IDE). */
    static final String DEFAULT_JAR = "target/paperclub.jar";

    private Launcher() {}

    /** {@code java -jar target/paperclub.jar ingest FILE}: {@code verbAndArgs} run by the jar this process runs from. */
    public static String command(String verbAndArgs) {
        return "java -jar " + jar().orElse(DEFAULT_JAR) + " " + verbAndArgs;
    }

    /** This process's jar, relative to the working directory when it lies below it. */
    static Optional<String> jar() {
        try {
            var source = Launcher.class.getProtectionDomain().getCodeSource();
            if (source == null) return Optional.empty();
            Path jar = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) return Optional.empty();
            Path here = Path.of("").toAbsolutePath().normalize();
            String shown = jar.startsWith(here) ? here.relativize(jar).toString() : jar.toString();
            return Optional.of(shown.contains(" ") ? "'" + shown + "'" : shown);
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
