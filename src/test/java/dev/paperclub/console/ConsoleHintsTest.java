package dev.paperclub.console;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the console tells a newcomer works as told: its example paper exists, its hints name real commands. */
final class ConsoleHintsTest {
    @TempDir
    Path dir;

    @Test
    void theHelpsExamplePaperAndTheHintsWork() {
        StringWriter help = new StringWriter();
        CommandLine helpCl = Main.commandLine();
        helpCl.setOut(new PrintWriter(help, true));
        assertEquals(0, helpCl.execute("console", "--help"));
        Matcher example = Pattern.compile("/paper paper:([^,/]+),").matcher(help.toString());
        assertTrue(example.find(), help.toString());
        String title = example.group(1).replaceAll("\\s+", " ").strip(); // the help wraps long lines

        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(
                ("/paper paper:" + title + "\n/admin stats\n").getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String data = dir.resolve("data").toString();
        try {
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            assertEquals(0, cl.execute("console", "--data-dir", data));
        } finally {
            System.setIn(old);
        }
        assertAll(
                () -> assertTrue(
                        out.toString().startsWith("┌ " + title + "\n"),
                        "console --help's example paper is in the bundled corpus: "
                                + out.toString().lines().findFirst().orElse("")),
                () -> assertTrue(
                        out.toString().contains("Only moderators can do that")
                                && out.toString().contains("start it with --moderator"),
                        out.toString()),
                () -> assertFalse(err.toString().contains("`paperclub "), "there is no paperclub launcher: " + err),
                () -> assertTrue(
                        err.toString()
                                        .contains("`java -jar target/paperclub.jar ingest FILE --data-dir " + data
                                                + "` from a shell (this console stores what it hands over)")
                                && err.toString().contains("`/admin ingest file:PATH`"),
                        err.toString()));
    }
}
