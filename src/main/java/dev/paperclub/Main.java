package dev.paperclub;

import dev.paperclub.cli.PaperClubCli;
import dev.paperclub.cli.Stdout;
import dev.paperclub.cli.UserError;
import dev.paperclub.config.ConfigException;
import dev.paperclub.store.StoreException;
import dev.paperclub.util.UserFileException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
        return commandLine(new FileOutputStream(FileDescriptor.out));
    }

    /**
     * The CLI writing its results to {@code stdout}. A result that could not be written fails the
     * verb, naming why (a full disk says so), unless the reader closed the pipe: then the reader
     * has what it wanted ({@code stats | head -1}) and the verb ends quietly, with the exit code
     * of the work itself.
     */
    public static CommandLine commandLine(OutputStream stdout) {
        CommandLine cl = new CommandLine(new PaperClubCli());
        Stdout guarded = new Stdout(stdout);
        cl.setOut(guarded.writer(stdoutCharset()));
        cl.setExecutionStrategy(parsed -> {
            int code = new CommandLine.RunLast().execute(parsed);
            // PrintWriter swallows write errors (a full disk, a closed pipe); ask it, so a result
            // that never arrived is not reported as success.
            List<CommandLine> chain = parsed.asCommandLineList();
            CommandLine ran = chain.get(chain.size() - 1);
            if (ran.getOut().checkError()) {
                java.util.Optional<IOException> why = guarded.failure();
                if (why.isPresent() && Stdout.closedPipe(why.get())) return code;
                throw new CommandLine.ExecutionException(ran, "stdout failed", UserError.outputLost(why));
            }
            return code;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(UserError.PREFIX + message(ex));
            cmd.getErr().flush();
            return 1;
        });
        // usage errors start as every other error does; then, as picocli's own handler, suggestions or the usage
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            java.io.PrintWriter err = cmd.getErr();
            err.println(UserError.PREFIX + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) cmd.usage(err, cmd.getColorScheme());
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl;
    }

    /** The charset picocli would write stdout in. */
    private static Charset stdoutCharset() {
        String name = System.getProperty("sun.stdout.encoding");
        return name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
    }

    private static boolean diskFull(Throwable failure) {
        return diskFullCause(failure) != null;
    }

    /** The system's words for a full disk behind {@code failure} ("No space left on device"); null when there is none. */
    private static String diskFullCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException io && Stdout.diskFull(io)) return io.getMessage();
        }
        return null;
    }

    /** What the user reads for a failure of a verb (after {@link UserError#PREFIX}). */
    static String message(Exception thrown) {
        // an UncheckedIOException's own message is its cause's toString(), class name included
        Exception ex = thrown instanceof java.io.UncheckedIOException u ? u.getCause() : thrown;
        if (ex instanceof UserError
                || ex instanceof ConfigException
                || ex instanceof DataDirException
                || ex instanceof UserFileException) {
            return ex.getMessage();
        } else if (ex instanceof StoreException se) {
            // Only SQLite waiting in vain for a lock points at a second process; a file that is
            // no database, or a folder that is not writable, says so in its own message.
            return se.busy()
                    ? se.getMessage() + " (is another PaperClub process using the same data.dir?)"
                    : se.getMessage();
        } else if (diskFull(ex)) {
            String why = " (" + diskFullCause(ex) + ")";
            // the index is derived from the store: what the store holds is safe, and the index catches up later
            return thrown.getMessage() != null && thrown.getMessage().contains("search index")
                    ? "the disk is full" + why
                            + ", so the search index could not be brought up to date; everything stored is kept,"
                            + " and the index catches up the next time PaperClub opens the data dir with space free"
                    : "the disk is full" + why + "; free some space and run it again";
        } else if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
            return "I/O error: " + ex.getMessage();
        } else {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("Unexpected failure", ex);
            return "unexpected error: " + ex + " (details in the log above)";
        }
    }
}
