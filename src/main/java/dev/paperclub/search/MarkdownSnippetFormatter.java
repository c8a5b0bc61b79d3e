package dev.paperclub.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats highlighter passages as a Discord-markdown snippet: matches in {@code **bold**},
 * the abstract's own markdown characters escaped, line breaks flattened.
 *
 * <p>Length rule: at most {@link #MAX_CHARS} visible characters — the abstract's text, the
 * spaces and the "…" marks — not counting the {@code **} markers and escaping backslashes,
 * which Discord renders as nothing.
 */
final class MarkdownSnippetFormatter extends PassageFormatter {

    static final int MAX_CHARS = 300;
    private static final String ELLIPSIS = "…";
    /** A further passage is not worth adding with fewer characters left than this. */
    private static final int MIN_USEFUL = 40;
    /** Reserved per piece: "… " before it and "…" after it. */
    private static final int MARKS = 3;

    private record Piece(int start, int end, Passage passage) {}

    @Override
    public Object format(Passage[] passages, String content) {
        Passage[] ordered = passages.clone();
        Arrays.sort(ordered, Comparator.comparingInt(Passage::getStartOffset));
        List<Piece> pieces = new ArrayList<>();
        int budget = MAX_CHARS;
        int lastEnd = 0;
        for (Passage p : ordered) {
            if (p.getStartOffset() < lastEnd) continue;
            int room = budget - MARKS;
            if (room < MIN_USEFUL && !pieces.isEmpty()) break;
            if (room <= 0) break;
            int start = skipSpace(content, p.getStartOffset(), p.getEndOffset());
            int end = trimSpace(content, start, p.getEndOffset());
            if (end <= start) continue;
            if (end - start > room) {
                int focus = p.getNumMatches() > 0 ? Math.max(start, p.getMatchStarts()[0]) : start;
                int from = Math.max(start, focus - room / 3);
                int to = Math.min(end, from + room);
                from = Math.max(start, to - room);
                if (from > start) from = nextWordStart(content, from, focus);
                if (to < end) to = previousWordEnd(content, to, Math.max(from, focus + 1));
                start = from;
                end = trimSpace(content, from, to);
            }
            pieces.add(new Piece(start, end, p));
            budget -= (end - start) + MARKS;
            lastEnd = p.getEndOffset();
        }
        if (pieces.isEmpty()) return null;
        StringBuilder out = new StringBuilder();
        int prevEnd = 0;
        for (Piece piece : pieces) {
            boolean gap = !content.substring(prevEnd, piece.start()).isBlank();
            if (out.length() > 0) out.append(' ');
            if (gap) out.append(ELLIPSIS).append(' ');
            appendMarked(out, content, piece.start(), piece.end(), piece.passage());
            prevEnd = piece.end();
        }
        if (!content.substring(prevEnd).isBlank()) out.append(ELLIPSIS);
        return out.toString();
    }

    /** The opening of an abstract, for hits that matched only in the title or by author. */
    static String lead(String content) {
        String flat = flatten(content).strip();
        if (flat.length() <= MAX_CHARS) return escape(flat);
        int to = previousWordEnd(flat, MAX_CHARS - 1, 1);
        return escape(flat.substring(0, to).strip()) + ELLIPSIS;
    }

    private static void appendMarked(StringBuilder out, String content, int start, int end, Passage p) {
        List<int[]> spans = new ArrayList<>();
        for (int m = 0; m < p.getNumMatches(); m++) {
            int s = Math.max(start, p.getMatchStarts()[m]);
            int e = Math.min(end, p.getMatchEnds()[m]);
            if (e > s) spans.add(new int[] {s, e});
        }
        spans.sort(Comparator.comparingInt(a -> a[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] span : spans) {
            // Touching or overlapping matches become one bold run: "****" would break the markdown.
            if (!merged.isEmpty() && span[0] <= merged.get(merged.size() - 1)[1]) {
                int[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], span[1]);
            } else {
                merged.add(span);
            }
        }
        int pos = start;
        for (int[] span : merged) {
            out.append(escape(flatten(content.substring(pos, span[0]))));
            out.append("**")
                    .append(escape(flatten(content.substring(span[0], span[1]))))
                    .append("**");
            pos = span[1];
        }
        out.append(escape(flatten(content.substring(pos, end))));
    }

    private static int skipSpace(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) from++;
        return from;
    }

    private static int trimSpace(String s, int from, int to) {
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) to--;
        return to;
    }

    /** Moves {@code from} forward to the start of a word, but never past {@code limit}. */
    private static int nextWordStart(String s, int from, int limit) {
        int i = from;
        while (i < limit && !Character.isWhitespace(s.charAt(i - 1))) i++;
        return i;
    }

    /** Moves {@code to} back to the end of a word, but never before {@code limit}. */
    private static int previousWordEnd(String s, int to, int limit) {
        int i = to;
        while (i > limit && !Character.isWhitespace(s.charAt(i))) i--;
        return i > limit ? i : to;
    }

    static String flatten(String s) {
        return s.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }

    /** Escapes what Discord would read as markdown, so the abstract's own symbols stay literal. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '*' || c == '_' || c == '~' || c == '`' || c == '|') sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }
}
