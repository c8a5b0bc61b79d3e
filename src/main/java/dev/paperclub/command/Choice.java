package dev.paperclub.command;

/** An autocomplete choice: what the member sees (≤ 100 characters) and the value sent back (an id). */
public record Choice(String name, String value) {}
