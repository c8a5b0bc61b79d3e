package dev.paperclub.store;

import dev.paperclub.paper.Paper;

/** A paper as of the change sequence {@code seq}; {@code removed} papers leave the index. */
public record PaperChange(Paper paper, boolean removed, long seq) {}
