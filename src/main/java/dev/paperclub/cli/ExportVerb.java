package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.Library;
import dev.paperclub.paper.BibTex;
import dev.paperclub.paper.PaperJson;
import dev.paperclub.util.AtomicFiles;
import dev.paperclub.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export}: the corpus as JSON Lines (ingestible again) or BibTeX. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = "Writes every paper (removed ones excluded) as JSON Lines, which `ingest` reads back, or BibTeX.")
public final class ExportVerb implements Callable<Integer> {
    enum Format {
        jsonl,
        bibtex
    }

    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl (default) or bibtex.")
    Format format;

    @Option(
            names = {"--output", "-o"},
            paramLabel = "FILE",
            description = "Write to FILE (atomically) instead of stdout.")
    Path output;

    @Override
    public Integer call() throws IOException {
        try (App a = app.openApp()) {
            Library library = a.library();
            if (output == null) {
                Writer w = spec.commandLine().getOut();
                try {
                    write(library, w);
                } catch (OutputGone e) {
                    // stdout failed: Main tells a closed pipe (quiet) from a full disk (an error)
                    return 0;
                }
                w.flush();
                return 0;
            }
            AtomicFiles.write(output, w -> write(library, w));
            spec.commandLine().getErr().println("Exported " + library.count() + " papers to " + output);
            return 0;
        }
    }

    private void write(Library library, Writer w) {
        int[] written = {0};
        library.forEachVisible(p -> {
            // stdout swallows write errors: stop early rather than format the whole corpus into a closed pipe
            if (++written[0] % 1000 == 0 && w instanceof PrintWriter out && out.checkError()) throw new OutputGone();
            try {
                if (format == Format.jsonl) {
                    w.write(Json.write(PaperJson.export(p)));
                    w.write('\n');
                } else {
                    w.write(BibTex.entry(p));
                    w.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Stops an export to stdout once stdout has failed. */
    private static final class OutputGone extends RuntimeException {
        OutputGone() {
            super(null, null, false, false);
        }
    }
}
