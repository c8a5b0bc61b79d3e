package dev.paperclub.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads an input for {@link IngestService}: detects its format from its head (refusing binary
 * data), then reads it once as strict UTF-8 (a BOM skipped, at most {@code maxBytes}) through the
 * format's parser into a {@link RecordSink}, taking its SHA-256 on the same read. What the
 * records become is the sink's business: this class neither stores nor records anything.
 */
final class InputParsing {
    private static final int HEAD_BYTES = 64 * 1024;

    private final long maxBytes;
    private final Map<InputFormat, FormatParser> parsers = new EnumMap<>(InputFormat.class);

    InputParsing(long maxBytes) {
        this.maxBytes = maxBytes;
        parsers.put(InputFormat.HF_PAGE, new HfPageParser());
        parsers.put(InputFormat.HF_LISTING, new HfListingParser());
        parsers.put(InputFormat.HF_API_JSON, new HfApiParser());
        parsers.put(InputFormat.ARXIV_ATOM, new ArxivAtomParser());
        parsers.put(InputFormat.JSON_LINES, new JsonLinesParser());
    }

    /**
     * Parses {@code input} as {@code format} into {@code sink} and returns the input's SHA-256
     * (hex), taken on the same single read the parser makes.
     *
     * @throws CharacterCodingException when the input is not UTF-8 (the sink knows the last line read)
     */
    String parse(IngestInput input, InputFormat format, ParseContext ctx, RecordSink sink)
            throws IngestException, IOException {
        MessageDigest md = sha256();
        try (DigestInputStream digest = new DigestInputStream(
                        input.fromNetwork()
                                ? new LimitedInputStream(input.open(), maxBytes, input.name())
                                : input.open(),
                        md);
                BufferedReader reader = reader(new FilterInputStream(digest) {
                    @Override
                    public void close() {
                        // the digest stream is closed by its own try; draining it comes first
                    }
                })) {
            parsers.get(format).parse(reader, ctx, sink);
            digest.transferTo(java.io.OutputStream.nullOutputStream()); // what the parser left unread
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** The input's format, from its first {@value #HEAD_BYTES} bytes; binary data is refused. */
    InputFormat detect(IngestInput input) throws IngestException {
        byte[] head;
        try (InputStream in = input.open()) {
            head = in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new IngestException(input.name() + ": cannot read: " + e.getMessage(), e);
        }
        int line = 1;
        for (byte b : head) {
            if (b == '\n') line++;
            if (b == 0) {
                throw new IngestException(input.name() + ": binary data (a NUL byte on line " + line
                        + "), not a text input; expected " + FormatDetector.SUPPORTED + ".");
            }
        }
        CharsetDecoder dec = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        String text;
        try {
            text = dec.decode(ByteBuffer.wrap(head)).toString();
        } catch (CharacterCodingException e) {
            text = "";
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return FormatDetector.detect(input.name(), text);
    }

    private static BufferedReader reader(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in);
        b.mark(3);
        byte[] bom = b.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF))
            b.reset();
        CharsetDecoder strict = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(b, strict), 1 << 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
