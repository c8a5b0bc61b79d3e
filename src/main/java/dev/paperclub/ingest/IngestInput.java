package dev.paperclub.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Something to ingest: a name for messages and a way to open its bytes (more than once). */
public interface IngestInput {
    String name();

    /** Size in bytes when known before reading, else -1. */
    long size();

    InputStream open() throws IOException;

    static IngestInput ofFile(Path file) {
        return new IngestInput() {
            @Override
            public String name() {
                return file.toString();
            }

            @Override
            public long size() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }

    static IngestInput ofBytes(String name, byte[] bytes) {
        return new IngestInput() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
