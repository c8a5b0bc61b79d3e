-- Sentence embeddings of papers (title + abstract), one per paper and model.
-- A cache that the search index reads whenever it (re)builds a paper's document, so a vector
-- survives later re-indexing of the same paper; dropping it only costs re-embedding.
CREATE TABLE paper_vectors (
    paper_id  TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    model     TEXT NOT NULL,              -- embedding model id; a model change re-embeds
    seq       INTEGER NOT NULL,           -- papers.seq of the version that was embedded
    text_hash TEXT NOT NULL,              -- hash of the embedded text: a later change of upvotes only does not re-embed
    vector    BLOB NOT NULL,              -- float32 little-endian, unit length
    PRIMARY KEY (paper_id, model)
);
