-- Counting visible papers (start-up, stats) scanned the whole papers table, abstracts included:
-- seconds at a million papers. The store now keeps the count beside the change sequence,
-- updated in the same transactions that add, remove or restore a paper.
INSERT OR REPLACE INTO meta(key, value)
VALUES ('visible_papers', CAST((SELECT COUNT(*) FROM papers WHERE removed_at IS NULL) AS TEXT));
