package dev.paperclub;

import dev.paperclub.cli.PaperClubCli;
import dev.paperclub.cli.UserError;
import dev.paperclub.config.ConfigException;
import dev.paperclub.store.StoreException;
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
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + message(ex));
            cmd.getErr().flush();
            return 1;
        });
        return cl;
    }

    /** What the user reads for a failure of a verb (after "error: "). */
    static String message(Exception ex) {
        if (ex instanceof UserError || ex instanceof ConfigException || ex instanceof DataDirException) {
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
