-- Removed papers are few, but finding them (the /admin restore autocomplete, the removed count
-- in stats) scanned the whole papers table: seconds at a million papers. This partial index holds
-- only removed papers, so both read a handful of rows.
CREATE INDEX papers_removed ON papers(removed_at) WHERE removed_at IS NOT NULL;
