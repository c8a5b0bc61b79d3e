-- Removed papers are few, but finding them (the /admin restore autocomplete, the removed count
-- in stats) scanned the whole papers table: seconds at a million papers. This partial index holds
-- only removed papers, so both read a handful of rows.
CREATE INDEX papers_removed ON papers(removed_at) WHERE removed_at IS NOT NULL;

-- A title id (t-…) names a paper by its title only. Ingesting an export used to count it as the
-- paper's own identity, after which an arXiv or HF record of the same paper no longer adopted it
-- and became a second paper. Such papers are open to adoption again (the id range is every t- id, read through the primary key).
UPDATE papers SET own_id = 0 WHERE id >= 't-' AND id < 't.' AND arxiv_id IS NULL AND own_id = 1;
