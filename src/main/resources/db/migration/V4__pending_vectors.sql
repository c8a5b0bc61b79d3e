-- How many visible papers lack a current vector (stats, reindex --vectors progress) was answered
-- by scanning the papers table, abstracts included: about a second at a million papers with the
-- file in the page cache, several when it is not. This partial index covers the scan
-- (0.2 s there); building it takes a few seconds once at a million papers.
CREATE INDEX papers_visible_seq ON papers(id, seq) WHERE removed_at IS NULL;
