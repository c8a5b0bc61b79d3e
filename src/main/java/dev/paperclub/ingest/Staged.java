package dev.paperclub.ingest;

import java.nio.file.Path;

/** An input parsed and checked whole into its spool file, not yet queued: nothing in the store has changed. */
record Staged(String source, InputFormat format, String sha256, Path spool, int records, IngestQueue.Parsed parsed) {}
