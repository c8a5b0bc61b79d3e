-- Per-server feeds (DESIGN "Feeds and watches"). Numbered V8 in the project's plan: V7 here only
-- because the migration runner stops at the first missing version; renumber at merge.

-- A server's subscription: source 'arxiv' (search is the arXiv API search_query, e.g. cat:cs.CL)
-- or 'hf-daily' (search is ''). The columns after keywords are the feed's ledger: its last fetch
-- and what it brought, its last error, how many fetches in a row failed, when it may be tried
-- again, and the highlights day whose scheduled fetch is done (a restart does not fetch again).
CREATE TABLE feeds (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id        TEXT NOT NULL,
    source          TEXT NOT NULL,
    query           TEXT NOT NULL,
    search          TEXT NOT NULL,
    keywords        TEXT,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    last_fetch_at   TEXT,
    last_added      INTEGER,
    last_updated    INTEGER,
    last_unchanged  INTEGER,
    last_new        INTEGER,
    last_error      TEXT,
    last_error_at   TEXT,
    failures        INTEGER NOT NULL DEFAULT 0,
    retry_at        TEXT,
    fetched_day     TEXT,
    nothing_new_day TEXT
);
CREATE UNIQUE INDEX feeds_guild_search ON feeds(guild_id, source, search);

-- The ids a stream (source and search, shared by every server subscribed to it) has brought:
-- paging stops at them, and only ids not seen before are a server's arrivals.
CREATE TABLE feed_seen (
    stream  TEXT NOT NULL,
    item_id TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (stream, item_id)
);

-- A server's feed arrivals: candidates for its highlights (filtered by the feed's keywords when
-- the highlights are picked). Removing the feed removes its arrivals.
CREATE TABLE feed_arrivals (
    feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    paper_id   TEXT NOT NULL REFERENCES papers(id),
    arrived_at TEXT NOT NULL,
    PRIMARY KEY (feed_id, paper_id)
);
CREATE INDEX feed_arrivals_time ON feed_arrivals(feed_id, arrived_at);
