package dev.paperclub.cli;

import dev.paperclub.search.SearchHit;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes search results as a TREC run: {@code qid Q0 docid rank score paperclub}, rank from 1. */
public final class TrecRun {

    public static final String TAG = "paperclub";

    private TrecRun() {}

    public static void write(Writer out, String qid, List<SearchHit> hits) throws IOException {
        int rank = 1;
        for (SearchHit h : hits) {
            out.write(qid + " Q0 " + h.id() + " " + rank++ + " " + h.score() + " " + TAG + "\n");
        }
    }
}
