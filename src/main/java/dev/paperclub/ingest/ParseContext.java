package dev.paperclub.ingest;

import java.time.LocalDate;

/**
 * What a parser needs besides the text: the input's name for messages and the date that
 * year-less dates resolve against when the input names none.
 */
public record ParseContext(String sourceName, LocalDate ingestDate) {}
