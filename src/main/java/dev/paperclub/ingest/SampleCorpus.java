package dev.paperclub.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The sample corpus bundled in the jar (real HF page copies, an HF API response and arXiv
 * feeds), so a newcomer's first console session has papers to search.
 */
public final class SampleCorpus {
    private static final List<String> FILES = List.of(
            "hf_page_000.txt",
            "hf_listing_001.txt",
            "hf_page_002.txt",
            "hf_daily_papers_2026-06.json",
            "arxiv_atom_2026.xml",
            "arxiv_atom_classic_2020.xml");

    private SampleCorpus() {}

    /** Ingests every bundled file; returns the papers added. */
    public static int load(IngestService ingest) throws IngestException {
        int added = 0;
        for (String f : FILES) {
            byte[] bytes;
            try (InputStream in = SampleCorpus.class.getResourceAsStream("/corpus/" + f)) {
                if (in == null) throw new IngestException("bundled sample " + f + " is missing from the jar");
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new IngestException("cannot read bundled sample " + f + ": " + e.getMessage(), e);
            }
            added += ingest.ingest(IngestInput.ofBytes("sample:" + f, bytes), IngestOptions.DEFAULT)
                    .added();
        }
        return added;
    }
}
