package dev.paperclub.command;

/** An autocomplete choice: what the member sees (≤ {@value #NAME_MAX} characters) and the value sent back (an id). */
public record Choice(String name, String value) {
    /** Discord allows 25 autocomplete choices, each name at most 100 characters. */
    public static final int MAX = 25;

    public static final int NAME_MAX = 100;
}
