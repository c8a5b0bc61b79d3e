package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.backup.DatabaseBackup;
import dev.paperclub.config.Config;
import dev.paperclub.store.Database;
import dev.paperclub.util.UserFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backup FILE}: a consistent, checked copy of the database, also while the bot or a console runs. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = {
            "Writes a consistent copy of the database (papers, votes, settings, notes, the audit log) to FILE,"
                    + " also while the bot or a console runs on the data dir: they go on answering meanwhile.",
            "The copy is checked (SQLite's integrity check) before it takes FILE's name, so FILE is either"
                    + " a sound backup or not written at all. The search index is not copied: it rebuilds from the"
                    + " database.",
            "To restore: stop PaperClub, put the file at DATA_DIR/paperclub.db, start it again."
        },
        footer = {
            "",
            "Examples:",
            "  java -jar target/paperclub.jar backup /var/backups/paperclub-2026-12-05.db",
            "  java -jar target/paperclub.jar backup --data-dir /srv/paperclub/data --force latest.db",
            "",
            "Daily backups by the running bot: set backup.dir (and backup.time, backup.keep) in the configuration."
        })
public final class BackupVerb implements Callable<Integer> {
    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The backup file to write (a new file unless --force).")
    Path file;

    @Option(names = "--force", description = "Replace FILE when it exists.")
    boolean force;

    @Override
    public Integer call() throws UserFileException {
        Config c = app.config();
        if (AppOptions.noDataYet(c.dataDir())) {
            throw new UserError("no PaperClub data in " + c.dataDir() + " to back up; check --data-dir or data.dir");
        }
        // read-only connections: nothing in the data dir changes, whether the bot runs on it or not
        try (Database db = Database.openReadOnly(c.dataDir().resolve(App.DATABASE_FILE))) {
            spec.commandLine()
                    .getOut()
                    .println(DatabaseBackup.take(db, file, force).summary());
        }
        return 0;
    }
}
