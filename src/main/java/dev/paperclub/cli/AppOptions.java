package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.DataDirInUseException;
import dev.paperclub.Library;
import dev.paperclub.command.PaperLookup;
import dev.paperclub.config.Config;
import dev.paperclub.paper.Paper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** Options every verb shares: where the configuration comes from. */
public final class AppOptions {
    /** How verbs taking one paper describe their ID argument (found as by {@link #paper}). */
    static final String PAPER_ARGUMENT = "The paper: its id (2401.01234, or t-… for papers without an arXiv id), "
            + "an arXiv id or URL, or its title, as the slash commands' paper option accepts.";

    /** The verb this mixin belongs to: its stderr shows the index's progress while opening. */
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec verb;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file layered over the defaults (environment variables PAPERCLUB_* still win).")
    Path configFile;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Overrides data.dir (where paperclub.db and index/ live).")
    Path dataDir;

    /** " --data-dir DIR" when one was given, for hints that name a command to run on the same data. */
    String dataDirArgument() {
        if (dataDir == null) return "";
        String d = dataDir.toString();
        return " --data-dir " + (d.contains(" ") ? "'" + d + "'" : d);
    }

    public Config config() {
        Config c = Config.load(configFile);
        if (dataDir != null) c = c.with("data.dir", dataDir.toString());
        return c.validate();
    }

    /**
     * Opens the app on a data dir that already holds PaperClub data: the verbs that only read
     * it. A mistyped --data-dir must not answer "0 papers" from an empty library it just made.
     * While another PaperClub process ({@code run}, {@code console}) holds the data dir, it is
     * read beside that process ({@link App#openBeside}): a consistent snapshot of its database,
     * and its index as last committed.
     */
    public App openApp() {
        Config c = config();
        if (noDataYet(c.dataDir())) {
            throw new UserError(
                    "no PaperClub data in " + c.dataDir() + " (nothing ingested yet?); check --data-dir or data.dir");
        }
        if (ReadOnlyDataDir.applies(c.dataDir())) {
            // reading would still write (WAL, locks, the index catching up): read a copy, leave the snapshot as it is
            c = c.with("data.dir", ReadOnlyDataDir.copy(c.dataDir()).toString());
            return open(c);
        }
        if (App.inUse(c.dataDir())) return App.openBeside(c, Clock.systemUTC());
        try {
            return open(c);
        } catch (DataDirInUseException e) {
            // the bot or a console started since the look above
            return App.openBeside(c, Clock.systemUTC());
        }
    }

    /** Opens the app, creating data.dir and its database when they do not exist yet (ingest, console). */
    public App openOrCreateApp() {
        return open(config());
    }

    /**
     * Opens the app on {@code c}, showing on stderr how far the search index has got when it has
     * to catch up with the store or be rebuilt first: after an interrupted ingest that can take a
     * while, and a verb that said nothing meanwhile would look hung.
     */
    App open(Config c) {
        IndexProgress progress = new IndexProgress(
                verb == null
                        ? new java.io.PrintWriter(System.err, true)
                        : verb.commandLine().getErr());
        App a;
        try {
            a = App.open(c, Clock.systemUTC(), progress);
        } catch (RuntimeException e) {
            progress.end(""); // the error goes on a line of its own
            throw e;
        }
        progress.end(" — done.");
        return a;
    }

    /** "  … updating the search index: 20,000 papers" on one line of stderr, overwritten as it goes. */
    static final class IndexProgress implements java.util.function.LongConsumer {
        private final java.io.PrintWriter err;
        private boolean printed;

        IndexProgress(java.io.PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void accept(long papers) {
            err.printf("\r  … updating the search index: %,d papers", papers);
            err.flush();
            printed = true;
        }

        /** Ends the progress line, when there is one, with {@code words}. */
        synchronized void end(String words) {
            if (printed) {
                err.println(words);
                err.flush();
            }
        }
    }

    /**
     * True when {@code dir} holds no PaperClub database yet: it does not exist, or it is a
     * folder without one. A file in its place is not "no data": opening reports it as it is.
     */
    static boolean noDataYet(Path dir) {
        return Files.isDirectory(dir) ? !Files.exists(dir.resolve(App.DATABASE_FILE)) : Files.notExists(dir);
    }

    /**
     * The paper a verb's ID argument names, found as the slash commands find a {@code paper}
     * option; several equally good titles and removed papers are named, with what to do.
     */
    static Paper paper(Library library, String typed) {
        String t = typed.strip();
        PaperLookup found = library.lookup(t);
        if (found instanceof PaperLookup.Found f) return f.paper();
        if (found instanceof PaperLookup.Ambiguous a) {
            throw new UserError("'" + t + "' matches " + a.papers().size() + " papers equally well: "
                    + listed(a.papers()) + ". Give more of the title, or the id (`search " + t + "` shows ids).");
        }
        if (found instanceof PaperLookup.Removed r) {
            String id = r.papers().size() == 1 ? r.papers().get(0).id() : "ID";
            throw new UserError(
                    "'" + t + "' names " + (r.papers().size() == 1 ? "a removed paper: " : "only removed papers: ")
                            + listed(r.papers()) + ". A moderator can restore it with `/admin restore paper:" + id
                            + "` in the console (`console --moderator`) or in Discord.");
        }
        throw new UserError("No paper matches '" + t + "' (by id, arXiv id or URL, or title). Try `search " + t
                + "` to find its id.");
    }

    /** "Title (id); Title (id)". */
    private static String listed(List<Paper> papers) {
        return papers.stream().map(p -> p.title() + " (" + p.id() + ")").collect(Collectors.joining("; "));
    }
}
