-- Members' notes on papers, per server (/note, /notes, the count and latest on /paper). The
-- author's display name is kept as it was when the note was written, so a list of notes needs no
-- Discord lookup. A removed paper keeps its notes (they show again when it is restored); the
-- library export carries papers only, so notes live here and in the database's backups.
CREATE TABLE notes (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id  TEXT NOT NULL,
    paper_id  TEXT NOT NULL REFERENCES papers(id),
    user_id   TEXT NOT NULL,
    author    TEXT NOT NULL,
    text      TEXT NOT NULL,
    created   TEXT NOT NULL
);
CREATE INDEX notes_paper ON notes(guild_id, paper_id, id);
