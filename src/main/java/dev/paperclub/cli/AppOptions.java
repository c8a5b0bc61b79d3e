package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Options every verb shares: where the configuration comes from. */
public final class AppOptions {
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

    public App openApp() {
        return App.open(config(), Clock.systemUTC());
    }
}
