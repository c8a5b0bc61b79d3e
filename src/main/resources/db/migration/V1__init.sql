-- PaperClub schema, version 1. Migrations are forward-only: a fix is a new file.

-- Global counters (the change sequence the index catches up from).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta(key, value) VALUES ('change_seq', '0');

CREATE TABLE papers (
    id             TEXT PRIMARY KEY,
    arxiv_id       TEXT UNIQUE,
    own_id         INTEGER NOT NULL,          -- 1 when the id came with a record (arXiv/HF/export), 0 when derived from the title
    title          TEXT NOT NULL,
    title_key      TEXT NOT NULL,             -- NFKC, case-folded, letters and digits only
    abstract       TEXT NOT NULL,
    authors        TEXT NOT NULL DEFAULT '[]',-- JSON array of names
    author_count   INTEGER,
    organization   TEXT,
    published      TEXT,                      -- YYYY-MM-DD
    upvotes        INTEGER,
    url            TEXT,
    sources        TEXT NOT NULL DEFAULT '[]',-- JSON array
    removed_at     TEXT,                      -- soft removal
    first_ingested TEXT NOT NULL,
    updated        TEXT NOT NULL,
    seq            INTEGER NOT NULL           -- meta.change_seq at the last change
);
CREATE INDEX papers_title_key ON papers(title_key);
CREATE INDEX papers_seq ON papers(seq);
CREATE INDEX papers_published ON papers(published);

-- One row per ingested input (file, URL, attachment, feed), committed with its papers.
CREATE TABLE ingests (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    source    TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    format    TEXT NOT NULL,
    added     INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    rejected  INTEGER NOT NULL,
    at        TEXT NOT NULL
);

-- Per-server settings; null columns fall back to the configuration defaults.
CREATE TABLE guild_settings (
    guild_id          TEXT PRIMARY KEY,
    channel_id        TEXT,
    post_time         TEXT,
    timezone          TEXT,
    post_count        INTEGER,
    enabled           INTEGER,
    moderator_role_id TEXT,
    keywords          TEXT,
    updated           TEXT NOT NULL
);

CREATE TABLE vote_cycles (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id        TEXT NOT NULL,
    started         TEXT NOT NULL,
    closed          TEXT,
    picked_paper_id TEXT REFERENCES papers(id),
    closed_by       TEXT
);
CREATE UNIQUE INDEX vote_cycles_open ON vote_cycles(guild_id) WHERE closed IS NULL;

-- Active votes have closed_cycle_id NULL; votes for a picked paper move into history with the cycle.
CREATE TABLE votes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id        TEXT NOT NULL,
    paper_id        TEXT NOT NULL REFERENCES papers(id),
    user_id         TEXT NOT NULL,
    created         TEXT NOT NULL,
    closed_cycle_id INTEGER REFERENCES vote_cycles(id)
);
CREATE UNIQUE INDEX votes_active ON votes(guild_id, paper_id, user_id) WHERE closed_cycle_id IS NULL;
CREATE INDEX votes_guild ON votes(guild_id, closed_cycle_id);

CREATE TABLE read_marks (
    guild_id  TEXT NOT NULL,
    paper_id  TEXT NOT NULL REFERENCES papers(id),
    marked_by TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    cycle_id  INTEGER REFERENCES vote_cycles(id),
    PRIMARY KEY (guild_id, paper_id)
);

-- At most one highlights post per server per local day.
CREATE TABLE highlight_posts (
    guild_id   TEXT NOT NULL,
    local_date TEXT NOT NULL,
    posted_at  TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    message_id TEXT,
    PRIMARY KEY (guild_id, local_date)
);

CREATE TABLE highlighted_papers (
    guild_id   TEXT NOT NULL,
    paper_id   TEXT NOT NULL REFERENCES papers(id),
    local_date TEXT NOT NULL,
    reason     TEXT NOT NULL,
    PRIMARY KEY (guild_id, paper_id)
);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id TEXT,
    user_id  TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT,
    result   TEXT NOT NULL,
    detail   TEXT,
    at       TEXT NOT NULL
);
CREATE INDEX audit_log_guild ON audit_log(guild_id, id);
