package dev.paperclub.ingest;

import dev.paperclub.paper.PaperRecord;

/** Where a parser sends what it read, one record at a time, so large inputs stream. */
public interface RecordSink {
    void accept(PaperRecord record) throws IngestException;

    void reject(int line, String reason) throws IngestException;
}
