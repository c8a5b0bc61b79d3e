package dev.paperclub.ingest;

import dev.paperclub.paper.PaperRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/**
 * Layout B: a text copy of an HF papers listing. Header lines end in one where the first
 * title is glued to the word "Subscribe"; then title and abstract lines alternate.
 */
final class HfListingParser implements FormatParser {
    static final String GLUE = "Subscribe";

    @Override
    public void parse(BufferedReader in, ParseContext ctx, RecordSink sink) throws IngestException, IOException {
        Lines lines = Lines.read(in);
        int start = -1;
        for (int i = 0; i < Math.min(lines.size(), 10); i++) {
            String l = lines.get(i);
            if (l.startsWith(GLUE) && l.length() > GLUE.length()) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new IngestException(
                    ctx.sourceName() + ": expected a line starting with 'Subscribe' followed by the first title");
        }
        int i = start;
        boolean first = true;
        while (i < lines.size()) {
            int titleLine = lines.lineOf(i);
            String title = lines.get(i++);
            if (first) {
                title = title.substring(GLUE.length());
                first = false;
            }
            String abstractText = lines.get(i++);
            if (abstractText == null) {
                sink.reject(titleLine, "paper '" + HfPageParser.shorten(title) + "' has no abstract (the input ends)");
                break;
            }
            sink.accept(new PaperRecord(
                    null,
                    null,
                    title,
                    abstractText,
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of(InputFormat.HF_LISTING.sourceTag()),
                    titleLine));
        }
    }
}
