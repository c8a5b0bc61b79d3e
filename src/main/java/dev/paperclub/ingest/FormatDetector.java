package dev.paperclub.ingest;

/** Tells the format of an input from its first few kilobytes of text. */
final class FormatDetector {
    static final String SUPPORTED = "an HF Daily Papers page copy (layout A), an HF papers listing copy (layout B), "
            + "HF daily papers API JSON, an arXiv Atom feed, or PaperClub JSON Lines";

    private FormatDetector() {}

    static InputFormat detect(String name, String head) throws IngestException {
        String t = head.strip();
        if (t.isEmpty()) throw new IngestException(name + ": the input is empty; expected " + SUPPORTED + ".");
        char c = t.charAt(0);
        if (c == '[') return InputFormat.HF_API_JSON;
        if (c == '{') return InputFormat.JSON_LINES;
        if (c == '<') return InputFormat.ARXIV_ATOM;
        int seen = 0;
        for (String line : t.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            if (l.startsWith(HfListingParser.GLUE) && l.length() > HfListingParser.GLUE.length())
                return InputFormat.HF_LISTING;
            if (l.equals("Daily Papers") || l.equals("byAK and the research community")) return InputFormat.HF_PAGE;
            if (++seen > 40) break;
        }
        throw new IngestException(name + ": unrecognized format; expected " + SUPPORTED + ".");
    }
}
