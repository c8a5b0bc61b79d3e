package dev.paperclub.util;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a UTF-8 text file the user named, line by line. A file that is not UTF-8 (binary, or
 * another encoding) is refused naming it and the first line that does not decode, instead of the
 * decoder's bare "Input length = 1".
 */
public final class Utf8Lines {
    /** Takes one line, numbered from 1. */
    @FunctionalInterface
    public interface LineHandler {
        void accept(int lineNo, String line) throws IOException;
    }

    private Utf8Lines() {}

    public static void forEach(Path file, LineHandler handler) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            while (true) {
                String line;
                try {
                    line = in.readLine();
                } catch (CharacterCodingException e) {
                    throw new UserFileException(
                            file + ": not UTF-8 text (bad bytes on line " + firstBadLine(file) + ").", e);
                }
                if (line == null) return;
                handler.accept(++lineNo, line);
            }
        }
    }

    /**
     * The reader decodes ahead of the lines it returns, so its failure does not say where the bad
     * bytes are: decode again one line at a time (a newline byte is never inside a UTF-8 sequence).
     */
    private static int firstBadLine(Path file) throws IOException {
        CharsetDecoder strict = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int lineNo = 1;
            for (int b = in.read(); ; b = in.read()) {
                if (b == '\n' || b == -1) {
                    try {
                        strict.decode(ByteBuffer.wrap(line.toByteArray()));
                    } catch (CharacterCodingException e) {
                        return lineNo;
                    }
                    if (b == -1) return lineNo;
                    line.reset();
                    lineNo++;
                } else {
                    line.write(b);
                }
            }
        }
    }
}
