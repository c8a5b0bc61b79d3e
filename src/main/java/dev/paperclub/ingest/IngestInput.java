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

    /**
     * Whether the input arrived over the network (a URL, an attachment, a feed): only those are
     * capped by {@code ingest.max-bytes}; a local file is read whole however large.
     */
    default boolean fromNetwork() {
        return false;
    }

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
        return ofBytes(name, bytes, false);
    }

    /** A body downloaded from {@code name}, a URL: {@code ingest.max-bytes} applies to it. */
    static IngestInput downloaded(String name, byte[] bytes) {
        return ofBytes(name, bytes, true);
    }

    private static IngestInput ofBytes(String name, byte[] bytes, boolean network) {
        return new IngestInput() {
            @Override
            public boolean fromNetwork() {
                return network;
            }

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
