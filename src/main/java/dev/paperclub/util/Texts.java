package dev.paperclub.util;

/** Shortening text for display, the same way everywhere. */
public final class Texts {
    private Texts() {}

    /**
     * At most {@code max} characters: cut at a word boundary when one is in the second half,
     * with an ellipsis, never splitting a surrogate pair. Null stays null.
     */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) return s;
        if (max <= 1) return max <= 0 ? "" : "…";
        int cut = s.lastIndexOf(' ', max - 1);
        if (cut < max / 2) cut = max - 1;
        String head = s.substring(0, cut).stripTrailing();
        if (!head.isEmpty() && Character.isHighSurrogate(head.charAt(head.length() - 1)))
            head = head.substring(0, head.length() - 1);
        return head + "…";
    }
}
