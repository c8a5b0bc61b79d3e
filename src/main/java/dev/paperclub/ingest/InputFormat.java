package dev.paperclub.ingest;

/** The input formats ingest recognizes, with the names reports use. */
public enum InputFormat {
    HF_PAGE("Hugging Face Daily Papers page (text copy, layout A)", "hf-page"),
    HF_LISTING("Hugging Face papers listing (text copy, layout B)", "hf-listing"),
    HF_API_JSON("Hugging Face daily papers API JSON", "hf-api"),
    ARXIV_ATOM("arXiv API Atom feed", "arxiv"),
    JSON_LINES("PaperClub JSON Lines export", "jsonl");

    private final String description;
    private final String sourceTag;

    InputFormat(String description, String sourceTag) {
        this.description = description;
        this.sourceTag = sourceTag;
    }

    public String description() {
        return description;
    }

    /** The label recorded in a paper's {@code sources}. */
    public String sourceTag() {
        return sourceTag;
    }
}
