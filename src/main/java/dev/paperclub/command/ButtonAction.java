package dev.paperclub.command;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a button does, and the code that starts its custom id ({@code code|arg|arg…}). The codes
 * are what buttons already posted in Discord carry: renaming one orphans those buttons.
 */
public enum ButtonAction {
    /** A page of {@code /search} results, its query in the id. */
    PAGE("page"),
    /** A page of {@code /search} results whose query was too long for the id, kept under a token. */
    PAGE_TOKEN("paget"),
    /** Open a paper's card. */
    PAPER("paper"),
    /** A paper's summary. */
    SUMMARY("sum"),
    /** Papers similar to a paper. */
    SIMILAR("sim"),
    /** Vote for a paper. */
    VOTE("vote"),
    /** Take one's vote for a paper back. */
    UNVOTE("unvote"),
    /** A moderator's confirmation of {@code /admin reset-votes}. */
    CONFIRM_RESET("confirm-reset"),
    /** Vote for a paper from a watch's direct message: the id carries the server, which a DM lacks. */
    WATCH_VOTE("wvote"),
    /** A page of a paper's notes ({@code /notes}). */
    NOTES_PAGE("notes"),
    /** Delete a note: its author or a moderator, checked on every press. */
    DELETE_NOTE("note-del"),
    /** A page of {@code /sessions}: its owner, page size and page in the id. */
    SESSIONS_PAGE("sessions");

    /** A code is short and never holds the id's separator {@code |}. */
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,15}");

    private static final Map<String, ButtonAction> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ButtonAction::code, Function.identity()));

    static {
        for (ButtonAction a : values()) {
            if (!CODE.matcher(a.code).matches())
                throw new ExceptionInInitializerError("bad button action code " + a.code);
        }
    }

    private final String code;

    ButtonAction(String code) {
        this.code = code;
    }

    /** The start of the custom id. */
    public String code() {
        return code;
    }

    /** Vote or unvote, whichever the member's next press on a paper means. */
    public static ButtonAction voteToggle(boolean voted) {
        return voted ? UNVOTE : VOTE;
    }

    public static Optional<ButtonAction> ofCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
