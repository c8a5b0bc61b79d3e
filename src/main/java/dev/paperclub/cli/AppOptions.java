package dev.paperclub.cli;

import dev.paperclub.App;
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

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file layered over the defaults (environment variables PAPERCLUB_* still win).")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Overrides data.dir (where paperclub.db and index/ live).")
    Path dataDir;

    public Config config() {
        Config c = Config.load(configFile);
        if (dataDir != null) c = c.with("data.dir", dataDir.toString());
        return c.validate();
    }

    /**
     * Opens the app on a data dir that already holds PaperClub data: the verbs that only read
     * it. A mistyped --data-dir must not answer "0 papers" from an empty library it just made.
     */
    public App openApp() {
        Config c = config();
        if (noDataYet(c.dataDir())) {
            throw new UserError("no PaperClub data in " + c.dataDir() + " (nothing ingested yet?); check --data-dir or data.dir");
        }
        return App.open(c, Clock.systemUTC());
    }

    /** Opens the app, creating data.dir and its database when they do not exist yet (ingest, console). */
    public App openOrCreateApp() {
        return App.open(config(), Clock.systemUTC());
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
    static Paper paper(App app, String typed) {
        String t = typed.strip();
        PaperLookup found = app.commands().resolver().lookup(t);
        if (found instanceof PaperLookup.Found f) return f.paper();
        if (found instanceof PaperLookup.Ambiguous a) {
            throw new UserError("'" + t + "' matches " + a.papers().size() + " papers equally well: " + listed(a.papers())
                    + ". Give more of the title, or the id (`search " + t + "` shows ids).");
        }
        if (found instanceof PaperLookup.Removed r) {
            String id = r.papers().size() == 1 ? r.papers().get(0).id() : "ID";
            throw new UserError("'" + t + "' names " + (r.papers().size() == 1 ? "a removed paper: " : "only removed papers: ")
                    + listed(r.papers()) + ". A moderator can restore it with `/admin restore paper:" + id
                    + "` in the console (`console --moderator`) or in Discord.");
        }
        throw new UserError("No paper matches '" + t + "' (by id, arXiv id or URL, or title). Try `search " + t + "` to find its id.");
    }

    /** "Title (id); Title (id)". */
    private static String listed(List<Paper> papers) {
        return papers.stream().map(p -> p.title() + " (" + p.id() + ")").collect(Collectors.joining("; "));
    }
}
