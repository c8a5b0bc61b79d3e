package dev.paperclub.cli;

import dev.paperclub.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the CLI in this JVM as {@code java -jar} runs it, keeping its exit code, stdout and stderr. */
public final class CliRuns {
    private CliRuns() {}

    /** What a run gave. */
    public record Run(int code, String out, String err) {}

    public static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    /** As {@link #run}, reading {@code stdin} as piped standard input (the console). */
    public static Run withStdin(String stdin, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(old);
        }
    }

    /** The console on {@code dataDir} reading {@code stdin}, with {@code extra} options ({@code --user}, {@code --moderator}). */
    public static Run console(java.nio.file.Path dataDir, String stdin, String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "console";
        args[1] = "--data-dir";
        args[2] = dataDir.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return withStdin(stdin, args);
    }
}
