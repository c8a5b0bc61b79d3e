package dev.paperclub.ingest;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads one input format into records; refuses the input whole when it is not that format. */
public interface FormatParser {
    void parse(BufferedReader in, ParseContext ctx, RecordSink sink) throws IngestException, IOException;
}
