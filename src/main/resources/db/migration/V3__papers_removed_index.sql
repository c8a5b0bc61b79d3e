-- Counting visible papers (start-up, stats) scanned the whole papers table, abstracts included:
-- seconds at a million papers. A small index on removed_at answers COUNT(*) ... WHERE removed_at IS NULL.
CREATE INDEX papers_removed ON papers(removed_at);
