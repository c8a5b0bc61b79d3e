package dev.paperclub.ingest;

import dev.paperclub.paper.PaperRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layout A: a text copy of an HF Daily Papers page. After the header ("Daily Papers",
 * "byAK and the research community", the page date) come title and abstract lines, each
 * optionally followed by a meta block: "• N authors" or an organization line, a "·" line,
 * and a date line ("Oct 3, 2025", or "Mar 19" without a year, optionally with upvotes).
 */
final class HfPageParser implements FormatParser {
    private static final Pattern AUTHORS = Pattern.compile("^[•·*-]?\\s*(\\d{1,5}) authors?$");
    private static final String DOT = "·";

    @Override
    public void parse(BufferedReader in, ParseContext ctx, RecordSink sink) throws IngestException, IOException {
        Lines lines = Lines.read(in);
        int header = -1;
        for (int i = 0; i < Math.min(lines.size(), 40); i++) {
            if (lines.get(i).equals("Daily Papers")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new IngestException(
                    ctx.sourceName() + ": expected the 'Daily Papers' header of an HF page in the first lines");
        }
        int i = header + 1;
        if ("byAK and the research community".equals(lines.get(i))) i++;
        LocalDate pageDate = ctx.ingestDate();
        if (lines.get(i) != null) {
            Optional<Dates.HfDate> d = Dates.parseHfDate(lines.get(i), ctx.ingestDate());
            if (d.isPresent() && d.get().upvotes() == null) {
                pageDate = d.get().date();
                i++;
            }
        }
        while (i < lines.size()) {
            int titleLine = lines.lineOf(i);
            String title = lines.get(i++);
            if (isMetaStart(lines, i) || i >= lines.size()) {
                sink.reject(titleLine, "paper '" + shorten(title) + "' has no abstract");
                i = skipMeta(lines, i);
                continue;
            }
            String abstractText = lines.get(i++);
            Integer authorCount = null;
            String organization = null;
            LocalDate published = null;
            Integer upvotes = null;
            if (isMetaStart(lines, i)) {
                Matcher a = AUTHORS.matcher(lines.get(i));
                if (a.matches()) authorCount = Integer.valueOf(a.group(1));
                else organization = organization(lines.get(i));
                i++;
                if (DOT.equals(lines.get(i))) i++;
                String dateLine = lines.get(i);
                if (dateLine != null) {
                    Optional<Dates.HfDate> d = Dates.parseHfDate(dateLine, pageDate);
                    if (d.isPresent()) {
                        published = d.get().date();
                        upvotes = d.get().upvotes();
                        i++;
                    }
                }
            }
            sink.accept(new PaperRecord(
                    null,
                    null,
                    title,
                    abstractText,
                    List.of(),
                    authorCount,
                    organization,
                    published,
                    upvotes,
                    null,
                    List.of(InputFormat.HF_PAGE.sourceTag()),
                    titleLine));
        }
    }

    private static boolean isMetaStart(Lines lines, int i) {
        String l = lines.get(i);
        if (l == null) return false;
        return AUTHORS.matcher(l).matches() || DOT.equals(lines.get(i + 1));
    }

    private static int skipMeta(Lines lines, int i) {
        if (!isMetaStart(lines, i)) return i;
        i++;
        if (DOT.equals(lines.get(i))) i++;
        if (lines.get(i) != null && Dates.HF_DATE.matcher(lines.get(i)).matches()) i++;
        return i;
    }

    /** HF shows "handle Full Name" ("ReactiveAI Reactive AI"): keep the full name when the handle spells it. */
    static String organization(String line) {
        int space = line.indexOf(' ');
        if (space > 0) {
            String handle = line.substring(0, space);
            String rest = line.substring(space + 1).strip();
            if (handle.equalsIgnoreCase(rest.replace(" ", ""))) return rest;
        }
        return line;
    }

    static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }
}
