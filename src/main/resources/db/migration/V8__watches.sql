-- Members' watches (DESIGN "Feeds and watches"): a saved search per member per server, in the
-- search syntax. user_name is how the member was called when they added it (the console names
-- the recipient of a direct message by it; Discord needs only the id).
-- Numbered V9 in the merged history (V7 ingest, V8 feeds); the migration runner stops at the
-- first missing number, so this branch carries it as V7 until the merge renumbers it.
CREATE TABLE watches (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id   TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    query      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (guild_id, user_id, query)
);
CREATE INDEX watches_by_member ON watches (guild_id, user_id);

-- The ledger that keeps a paper from notifying the same watch twice: a row is claimed before the
-- direct message goes out. Its count per watch is the "matches so far" of /watch list.
CREATE TABLE watch_matches (
    watch_id   INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
    paper_id   TEXT NOT NULL REFERENCES papers(id),
    matched_at TEXT NOT NULL,
    PRIMARY KEY (watch_id, paper_id)
);

-- Whether direct messages reach a member: the last attempt's outcome; refused = 1 when the member
-- does not accept DMs from the bot (Discord error 50007), which only they can change. Shown in
-- /watch list; a later successful message clears it.
CREATE TABLE direct_message_status (
    user_id      TEXT PRIMARY KEY,
    last_attempt TEXT NOT NULL,
    failed       INTEGER NOT NULL,
    refused      INTEGER NOT NULL,
    reason       TEXT
);
