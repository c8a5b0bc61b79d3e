package dev.paperclub.command;

/** Short text from replies for logs and the audit trail. */
final class PaperCardsText {
    private PaperCardsText() {}

    static String firstLine(Reply r) {
        String s = Echo.plain(
                !r.content().isBlank()
                        ? r.content()
                        : r.cards().isEmpty()
                                ? ""
                                : r.cards().get(0).title() == null
                                        ? ""
                                        : r.cards().get(0).title());
        int nl = s.indexOf('\n');
        s = nl >= 0 ? s.substring(0, nl) : s;
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }
}
