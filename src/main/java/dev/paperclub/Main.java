package dev.paperclub;

import dev.paperclub.cli.PaperClubCli;
import dev.paperclub.cli.UserError;
import dev.paperclub.config.ConfigException;
import dev.paperclub.store.StoreException;
import dev.paperclub.util.UserFileException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import picocli.CommandLine;

/** Entry point of {@code java -jar paperclub.jar}: parses the verb and maps failures to exit codes. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (0 ok, 1 bad input, 2 usage). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PaperClubCli());
        cl.setOut(stdout());
        cl.setExecutionStrategy(parsed -> {
            int code = new CommandLine.RunLast().execute(parsed);
            // PrintWriter swallows write errors (a full disk, a closed pipe); ask it, so a result
            // that never arrived is not reported as success.
            List<CommandLine> chain = parsed.asCommandLineList();
            CommandLine ran = chain.get(chain.size() - 1);
            if (ran.getOut().checkError()) throw new CommandLine.ExecutionException(ran, "stdout failed", UserError.outputLost());
            return code;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + message(ex));
            cmd.getErr().flush();
            return 1;
        });
        return cl;
    }

    /**
     * stdout as picocli wraps it by default, except that its errors stay visible: picocli puts its
     * own OutputStreamWriter between the PrintWriter and System.out, which swallows write errors, so
     * its checkError() never sees them; a PrintWriter given the PrintStream itself asks its
     * checkError() too.
     */
    static PrintWriter stdout() {
        String name = System.getProperty("sun.stdout.encoding");
        Charset charset = name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
        return new PrintWriter(System.out, true, charset);
    }

    /** What the user reads for a failure of a verb (after "error: "). */
    static String message(Exception thrown) {
        // an UncheckedIOException's own message is its cause's toString(), class name included
        Exception ex = thrown instanceof java.io.UncheckedIOException u ? u.getCause() : thrown;
        if (ex instanceof UserError || ex instanceof ConfigException || ex instanceof DataDirException
                || ex instanceof UserFileException) {
            return ex.getMessage();
        } else if (ex instanceof StoreException se) {
            // Only SQLite waiting in vain for a lock points at a second process; a file that is
            // no database, or a folder that is not writable, says so in its own message.
            return se.busy() ? se.getMessage() + " (is another PaperClub process using the same data.dir?)" : se.getMessage();
        } else if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
            return "I/O error: " + ex.getMessage();
        } else {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("Unexpected failure", ex);
            return "unexpected error: " + ex + " (details in the log above)";
        }
    }
}
