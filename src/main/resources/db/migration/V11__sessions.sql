-- Reading sessions (issue #20): a pick opens one for the picked paper in its server. starts_at
-- (epoch seconds) is null until a moderator sets `when`; presenter is a Discord user id or, from the
-- console, a name; place is a channel id (channel_place = 1) or free text. event_id is the Discord
-- scheduled event kept in step with the session, when the bot could create one. votes are the
-- votes the paper had when it was picked. A canceled session stays, marked, for the record.
-- closed_at: a session that never got a time and that the server's next pick closed (it is past).
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id      TEXT NOT NULL,
    paper_id      TEXT NOT NULL REFERENCES papers(id),
    votes         INTEGER NOT NULL,
    starts_at     INTEGER,
    presenter     TEXT,
    place         TEXT,
    channel_place INTEGER NOT NULL DEFAULT 0,
    event_id      TEXT,
    canceled_at   TEXT,
    closed_at     TEXT,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL
);
CREATE INDEX sessions_by_guild ON sessions(guild_id, starts_at);

-- Reminders posted (or skipped: the session had begun when the bot could post it), one per
-- session and start time: a session moved to a new time is reminded again, once.
CREATE TABLE session_reminders (
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    starts_at  INTEGER NOT NULL,
    outcome    TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (session_id, starts_at)
);
