-- Inputs stored in bounded steps (issue #24). An input is parsed whole into a spool file under
-- the data dir first (nothing in the database changes); inserting its row here is the one short
-- commit point after which the input will be stored whole; then its records are applied in
-- short transactions, each of which also advances `applied`, so whichever PaperClub process
-- opens the data dir next completes an input a crash interrupted. A CLI `ingest` beside a
-- running process only inserts the row; the running process applies it. `done_at` is set with
-- the input's `ingests` row, in the transaction that applies its last records.
CREATE TABLE ingest_queue (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    source     TEXT NOT NULL,              -- the input's name, as reports show it
    origin     TEXT NOT NULL,              -- who brought it, in words (Arrivals.Arrival.source)
    guild_id   TEXT,                       -- the server whose /admin ingest it is; null for the CLI
    format     TEXT NOT NULL,              -- InputFormat name
    sha256     TEXT NOT NULL,
    spool      TEXT NOT NULL,              -- the spool file's name in DATA_DIR/ingest-spool/
    records    INTEGER NOT NULL,           -- records in the spool
    parsed     TEXT NOT NULL,              -- JSON: what parsing found (rejected records, links dropped)
    applied    INTEGER NOT NULL DEFAULT 0, -- spool records applied so far
    added      INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    unchanged  INTEGER NOT NULL DEFAULT 0,
    added_ids   TEXT NOT NULL DEFAULT '[]', -- at most IngestReport.LISTED
    updated_ids TEXT NOT NULL DEFAULT '[]',
    queued_at  TEXT NOT NULL,
    done_at    TEXT
);
CREATE INDEX ingest_queue_pending ON ingest_queue(id) WHERE done_at IS NULL;
