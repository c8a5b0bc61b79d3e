package dev.paperclub.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What an ingest has done so far, for the words printed when it is interrupted (Ctrl-C): which
 * inputs are stored, which one was being stored (an input is one transaction, so it is not),
 * which never started, and what the search index will do about what it has not caught up with.
 */
final class IngestInterruption {
    private final Path dataDir;
    private final boolean dryRun;
    private final List<String> stored = new ArrayList<>();
    private final List<String> pending;
    private String current;
    /** The current input is past its commit point: queued for the running process, which stores it whole. */
    private boolean currentQueued;

    private BooleanSupplier indexing = () -> false;

    IngestInterruption(Path dataDir, boolean dryRun, List<String> inputs) {
        this.dataDir = dataDir;
        this.dryRun = dryRun;
        this.pending = new ArrayList<>(inputs);
    }

    /** Whether the search index is still catching up with what was stored. */
    synchronized void indexing(BooleanSupplier indexing) {
        this.indexing = indexing;
    }

    synchronized void started(String input) {
        pending.remove(input);
        current = input;
        currentQueued = false;
    }

    /** The current input is queued for the running PaperClub beside this ingest (its commit point passed). */
    synchronized void queued() {
        currentQueued = true;
    }

    /** The input is done: stored ({@code summary} says how), or refused. */
    synchronized void finished(String summary) {
        if (summary != null) stored.add(summary);
        current = null;
    }

    /** The lines to print on stderr when the ingest is interrupted now. */
    synchronized List<String> report() {
        List<String> lines = new ArrayList<>();
        if (dryRun) {
            lines.add("interrupted: a dry run stores nothing, and nothing was stored.");
            return lines;
        }
        String head = "interrupted: ";
        if (current != null && currentQueued) {
            head += current
                    + " is queued: the running PaperClub is storing it and will finish it (whole), then index it";
        } else if (current != null) {
            head += current + " was being stored and is not (an input is stored whole or not at all)";
        } else if (stored.isEmpty()) {
            head += "nothing was stored";
        } else {
            head += pending.isEmpty() ? "every input is stored" : "the inputs above are stored";
        }
        lines.add(head + (pending.isEmpty() ? "." : "; not started: " + String.join(", ", pending) + "."));
        for (String s : stored) lines.add("  stored: " + s);
        if (!stored.isEmpty()) {
            lines.add(
                    indexing.getAsBoolean()
                            ? "  The search index had not caught up with what was stored: it catches up when PaperClub next opens "
                                    + dataDir + " (any command, the console or the bot), showing its progress."
                            : "  The search index is up to date with what was stored.");
        }
        return lines;
    }
}
