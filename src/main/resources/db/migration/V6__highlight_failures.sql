-- Why a server's last highlights post failed and how many attempts in a row have failed: shown
-- in /highlights and /admin schedule, and the scheduler backs off from it (a post refused for a
-- permission must not be retried every few minutes: Discord bans bots for repeated 401/403/429s).
-- A successful post deletes the row.
CREATE TABLE highlight_failures (
    guild_id  TEXT PRIMARY KEY,
    failed_at TEXT NOT NULL,
    reason    TEXT NOT NULL,
    attempts  INTEGER NOT NULL
);

-- Papers Discord refused in a server's highlights post (an embed it would not accept): the rest
-- of the post went out without them, and the server's picks leave them out until the paper
-- changes (paper_seq is papers.seq when it was refused), so one paper never blocks a server.
CREATE TABLE highlight_rejected_papers (
    guild_id    TEXT NOT NULL,
    paper_id    TEXT NOT NULL REFERENCES papers(id),
    paper_seq   INTEGER NOT NULL,
    rejected_at TEXT NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (guild_id, paper_id)
);
