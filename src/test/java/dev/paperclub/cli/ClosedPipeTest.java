package dev.paperclub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.Main;
import dev.paperclub.TestApps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A reader that stops reading ({@code stats | head -1}) is not an error: the verb ends quietly.
 * Run as a real process whose stdout pipe is closed, as a shell pipeline closes it.
 */
@org.junit.jupiter.api.Timeout(value = 5, unit = TimeUnit.MINUTES)
final class ClosedPipeTest {
    @TempDir
    Path dir;

    private Process cli(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(
                List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.paperclub.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    @Test
    void aClosedPipeEndsQuietly() throws Exception {
        Path sample = dir.resolve("hf_listing_001.txt");
        Files.write(sample, TestApps.sample("hf_listing_001.txt"));
        String data = dir.resolve("data").toString();
        StringWriter ignored = new StringWriter();
        CommandLine ingest = Main.commandLine();
        ingest.setOut(new PrintWriter(ignored, true));
        ingest.setErr(new PrintWriter(ignored, true));
        assertEquals(0, ingest.execute("ingest", "--data-dir", data, sample.toString()), ignored.toString());

        for (List<String> verb : List.of(List.of("stats"), List.of("export"))) {
            List<String> args = new ArrayList<>(verb);
            args.addAll(List.of("--data-dir", data));
            Process p = cli(args.toArray(String[]::new));
            p.getInputStream().close(); // the reader is gone before the first line: `| head -0`
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), verb + " ended");
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("", err, verb + " says nothing about a closed pipe");
            assertEquals(0, p.exitValue(), verb + ": " + err);
        }
    }

    @Test
    void usageErrorsStartAsEveryOtherError() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("search", "--limit", "x", "attention"));
        assertTrue(err.toString().startsWith("error: Invalid value for option '--limit'"), err.toString());
    }
}
