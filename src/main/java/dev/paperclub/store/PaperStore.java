package dev.paperclub.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.paperclub.paper.Paper;
import dev.paperclub.paper.PaperRecord;
import dev.paperclub.paper.TextNormalizer;
import dev.paperclub.util.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Papers in SQLite, with the dedup and merge rules of the design: records with their own ids
 * match by id; a record without one matches by normalized title; an id-carrying record also
 * adopts a title-only paper. Merging keeps the richest data and never loses a known field.
 * Every change bumps a global change sequence that the search index catches up from.
 */
public final class PaperStore {
    /** Keeps meta.visible_papers in step; a count kept here avoids scanning every abstract to count. */
    private static final String VISIBLE_DELTA =
            "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT) WHERE key = 'visible_papers'";
    /** The current change sequence, as a scalar subquery. */
    private static final String SEQUENCE = "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_seq')";

    private static final String COLUMNS = "id, arxiv_id, own_id, title, abstract, authors, author_count, organization, "
            + "published, upvotes, url, sources, removed_at, first_ingested, updated, seq";

    /** Papers kept in memory: the hot ones (search pages, highlights, reading lists) are a few hundred. */
    private static final int HOT_PAPERS = 2_000;

    private final Database db;
    /**
     * Visible papers by id, each valid at the change sequence it was read at: every change (an
     * ingest, a removal, by this process or another) bumps the sequence, so a read never sees an
     * entry from before it, and old entries simply age out.
     */
    private final Cache<HotKey, Paper> hot =
            Caffeine.newBuilder().maximumSize(HOT_PAPERS).recordStats().build();

    private record HotKey(long seq, String id) {}

    public PaperStore(Database db) {
        this.db = db;
    }

    /** Hit rate of the papers-by-id cache. */
    public CacheStats cacheStats() {
        return hot.stats();
    }

    public Database database() {
        return db;
    }

    // ---- writes (inside a Database.write transaction) ----

    /**
     * A batch of upserts inside one transaction: statements are prepared once and the change
     * sequence is kept in memory and written back by {@link Batch#finish()}.
     */
    public Batch batch(Connection c) throws SQLException {
        return new Batch(c, change -> {});
    }

    /**
     * As {@link #batch(Connection)}, handing every change the batch makes to {@code stored} as
     * it is made (still uncommitted: the caller must be ready for the transaction to roll back).
     */
    public Batch batch(Connection c, java.util.function.Consumer<PaperChange> stored) throws SQLException {
        return new Batch(c, stored);
    }

    /** Upserts within one transaction; call {@link #finish()} before the transaction commits. */
    public final class Batch {
        private final PreparedStatement byId;
        private final PreparedStatement byArxiv;
        private final PreparedStatement byTitle;
        private final PreparedStatement byTitleNoOwnId;
        private final PreparedStatement insert;
        private final PreparedStatement update;
        private final PreparedStatement saveSeq;
        private final PreparedStatement addVisible;
        private final java.util.function.Consumer<PaperChange> stored;
        private long seq;
        private int added;

        private Batch(Connection c, java.util.function.Consumer<PaperChange> stored) throws SQLException {
            this.stored = stored;
            byId = c.prepareStatement("SELECT " + COLUMNS + " FROM papers WHERE id = ?");
            byArxiv = c.prepareStatement("SELECT " + COLUMNS + " FROM papers WHERE arxiv_id = ?");
            byTitle = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM papers WHERE title_key = ? ORDER BY first_ingested, id LIMIT 1");
            byTitleNoOwnId = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM papers WHERE title_key = ? AND own_id = 0 ORDER BY first_ingested, id LIMIT 1");
            insert =
                    c.prepareStatement("INSERT INTO papers (id, arxiv_id, own_id, title, title_key, abstract, authors, "
                            + "author_count, organization, published, upvotes, url, sources, removed_at, first_ingested, updated, seq) "
                            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            update = c.prepareStatement(
                    "UPDATE papers SET arxiv_id=?, own_id=?, abstract=?, authors=?, "
                            + "author_count=?, organization=?, published=?, upvotes=?, url=?, sources=?, updated=?, seq=? WHERE id=?");
            saveSeq = c.prepareStatement("UPDATE meta SET value = ? WHERE key = 'change_seq'");
            addVisible = c.prepareStatement(VISIBLE_DELTA);
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_seq'");
                    ResultSet rs = ps.executeQuery()) {
                seq = rs.next() ? rs.getLong(1) : 0;
            }
        }

        /** Matches {@code r} against the store and adds or merges it. */
        public UpsertOutcome upsert(PaperRecord r, Instant now) throws SQLException {
            String titleKey = TextNormalizer.titleKey(r.title());
            Row existing = match(r, titleKey);
            if (existing == null) {
                String id = r.newPaperId();
                // match() already looked this id up when the record carries it; only a title id is new here
                if (!r.carriesId() && one(byId, id) != null) {
                    // only a title-hash collision gets here; never overwrite another paper
                    throw new SQLException("id collision for " + id);
                }
                Row row = new Row();
                row.id = id;
                row.arxivId = r.arxivId();
                row.ownId = r.carriesId();
                row.title = r.title();
                row.abstractText = r.abstractText();
                row.authors = r.authors();
                row.authorCount = r.authorCount();
                row.organization = r.organization();
                row.published = r.published();
                row.upvotes = r.upvotes();
                row.url = r.url();
                row.sources = r.sources();
                row.firstIngested = now;
                row.updated = now;
                row.seq = ++seq;
                row.bind(insert, titleKey);
                insert.executeUpdate();
                added++;
                stored.accept(new PaperChange(row.toPaper(), false, row.seq));
                return new UpsertOutcome(UpsertOutcome.Kind.ADDED, id);
            }
            Row m = merge(existing, r);
            if (m.sameData(existing)) return new UpsertOutcome(UpsertOutcome.Kind.UNCHANGED, existing.id);
            m.updated = now;
            m.seq = ++seq;
            update.setString(1, m.arxivId);
            update.setInt(2, m.ownId ? 1 : 0);
            update.setString(3, m.abstractText);
            update.setString(4, Json.write(m.authors));
            setInt(update, 5, m.authorCount);
            update.setString(6, m.organization);
            update.setString(7, m.published == null ? null : m.published.toString());
            setInt(update, 8, m.upvotes);
            update.setString(9, m.url);
            update.setString(10, Json.write(m.sources));
            update.setString(11, m.updated.toString());
            update.setLong(12, m.seq);
            update.setString(13, m.id);
            update.executeUpdate();
            stored.accept(new PaperChange(m.toPaper(), m.removedAt != null, m.seq));
            return new UpsertOutcome(UpsertOutcome.Kind.UPDATED, existing.id);
        }

        private Row match(PaperRecord r, String titleKey) throws SQLException {
            if (r.carriesId()) {
                for (String key : new LinkedHashSet<>(java.util.Arrays.asList(r.ownId(), r.arxivId()))) {
                    if (key == null) continue;
                    Row found = one(byId, key);
                    if (found == null) found = one(byArxiv, key);
                    if (found != null) return found;
                }
                // an id-carrying record adopts a paper known only by its title
                return titleKey.isEmpty() ? null : one(byTitleNoOwnId, titleKey);
            }
            if (r.ownId() != null) { // a title id, as exports carry: the paper it names, else the title decides
                Row found = one(byId, r.ownId());
                if (found != null) return found;
            }
            return titleKey.isEmpty() ? null : one(byTitle, titleKey);
        }

        private Row one(PreparedStatement ps, String value) throws SQLException {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Row.of(rs) : null;
            }
        }

        /** Saves the change sequence and releases the statements. */
        public void finish() throws SQLException {
            saveSeq.setString(1, Long.toString(seq));
            saveSeq.executeUpdate();
            addVisible.setInt(1, added);
            addVisible.executeUpdate();
            for (PreparedStatement ps :
                    List.of(byId, byArxiv, byTitle, byTitleNoOwnId, insert, update, saveSeq, addVisible)) ps.close();
        }
    }

    /** What one ingested input did, for the {@code ingests} table (which input, by its SHA-256, and when). */
    public record IngestRecord(
            String source,
            String sha256,
            String format,
            int added,
            int updated,
            int unchanged,
            int rejected,
            Instant at) {}

    /** Records an ingested input in the same transaction {@code c} as its papers. */
    public void recordIngest(Connection c, IngestRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingests(source, sha256, format, added, updated, "
                + "unchanged, rejected, at) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setString(1, r.source());
            ps.setString(2, r.sha256());
            ps.setString(3, r.format());
            ps.setInt(4, r.added());
            ps.setInt(5, r.updated());
            ps.setInt(6, r.unchanged());
            ps.setInt(7, r.rejected());
            ps.setString(8, r.at().toString());
            ps.executeUpdate();
        }
    }

    private static Row findRow(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM papers WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Row.of(rs) : null;
            }
        }
    }

    private static Row merge(Row e, PaperRecord r) {
        Row m = e.copy();
        if (m.arxivId == null && r.arxivId() != null) m.arxivId = r.arxivId();
        if (!m.ownId && r.carriesId()) m.ownId = true;
        if (r.abstractText().length() > m.abstractText.length()) m.abstractText = r.abstractText();
        if (r.authors().size() > m.authors.size()) m.authors = r.authors();
        if (r.authorCount() != null && (m.authorCount == null || r.authorCount() > m.authorCount))
            m.authorCount = r.authorCount();
        if (m.organization == null) m.organization = r.organization();
        if (r.published() != null && (m.published == null || r.published().isBefore(m.published)))
            m.published = r.published();
        if (r.upvotes() != null && (m.upvotes == null || r.upvotes() > m.upvotes)) m.upvotes = r.upvotes();
        if (m.url == null) m.url = r.url();
        LinkedHashSet<String> sources = new LinkedHashSet<>(m.sources);
        sources.addAll(r.sources());
        m.sources = List.copyOf(sources);
        return m;
    }

    private static long nextSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq' RETURNING CAST(value AS INTEGER)")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Soft-removes a paper; false when it does not exist or is already removed. */
    public boolean remove(String id, Instant now) {
        return db.write(c -> setRemoved(c, id, now.toString(), "removed_at IS NULL"));
    }

    /** Restores a soft-removed paper; false when it does not exist or is not removed. */
    public boolean restore(String id, Instant now) {
        return db.write(c -> setRemoved(c, id, null, "removed_at IS NOT NULL"));
    }

    private static boolean setRemoved(Connection c, String id, String removedAt, String condition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM papers WHERE id = ? AND " + condition)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return false;
            }
        }
        long seq = nextSeq(c);
        try (PreparedStatement ps = c.prepareStatement(VISIBLE_DELTA)) {
            ps.setInt(1, removedAt == null ? 1 : -1);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE papers SET removed_at = ?, seq = ? WHERE id = ?")) {
            ps.setString(1, removedAt);
            ps.setLong(2, seq);
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    // ---- reads ----

    /** A visible (not removed) paper by id. */
    public Optional<Paper> find(String id) {
        if (id == null) return Optional.empty();
        List<Paper> found = findAll(List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** A paper by id whether removed or not, with its removal state. */
    public Optional<PaperChange> findAny(String id) {
        return db.read(c -> {
            Row r = findRow(c, "id", id);
            return r == null
                    ? Optional.<PaperChange>empty()
                    : Optional.of(new PaperChange(r.toPaper(), r.removedAt != null, r.seq));
        });
    }

    /** A paper by id whether removed or not (announcements and audit lines name removed papers too). */
    public Optional<Paper> findAnyPaper(String id) {
        return findAny(id).map(PaperChange::paper);
    }

    /** Visible papers for the given ids, in the order of {@code ids}; unknown and removed ids are skipped. */
    public List<Paper> findAll(Collection<String> ids) {
        if (ids.isEmpty()) return List.of();
        List<String> list = List.copyOf(new LinkedHashSet<>(ids));
        Map<String, Paper> found = db.read(
                c -> { // one connection: the sequence, then the papers not in memory
                    long seq = sequence(c);
                    Map<String, Paper> m = new HashMap<>();
                    List<String> missing = new ArrayList<>();
                    for (String id : list) {
                        Paper p = hot.getIfPresent(new HotKey(seq, id));
                        if (p != null) {
                            m.put(id, p);
                        } else {
                            missing.add(id);
                        }
                    }
                    if (!missing.isEmpty()) load(c, missing, m);
                    return m;
                });
        List<Paper> out = new ArrayList<>(found.size());
        for (String id : list) {
            Paper p = found.get(id);
            if (p != null) out.add(p);
        }
        return out;
    }

    /** Reads visible papers into {@code found} and keeps them, tagged with the sequence read in the same statement. */
    private void load(Connection c, List<String> ids, Map<String, Paper> found) throws SQLException {
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", " + SEQUENCE + " AS store_seq"
                    + " FROM papers WHERE removed_at IS NULL AND id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Paper p = Row.of(rs).toPaper();
                        found.put(p.id(), p);
                        hot.put(new HotKey(rs.getLong("store_seq"), p.id()), p);
                    }
                }
            }
        }
    }

    /** A visible paper whose normalized title equals that of {@code title}. */
    public Optional<Paper> findByTitle(String title) {
        String key = TextNormalizer.titleKey(title);
        if (key.isEmpty()) return Optional.empty();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM papers WHERE title_key = ? AND removed_at IS NULL ORDER BY first_ingested, id LIMIT 1")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Row.of(rs).toPaper()) : Optional.<Paper>empty();
                }
            }
        });
    }

    /**
     * A paper whose normalized title equals that of {@code title}, removed or not: restoring
     * must find what search no longer shows. Visible papers win over removed ones.
     */
    public Optional<PaperChange> findAnyByTitle(String title) {
        String key = TextNormalizer.titleKey(title);
        if (key.isEmpty()) return Optional.empty();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM papers WHERE title_key = ? "
                    + "ORDER BY removed_at IS NOT NULL, first_ingested, id LIMIT 1")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<PaperChange>empty();
                    Row r = Row.of(rs);
                    return Optional.of(new PaperChange(r.toPaper(), r.removedAt != null, r.seq));
                }
            }
        });
    }

    /**
     * Removed papers whose normalized title contains that of {@code typed}, or whose id starts
     * with it, most recently removed first ({@code /admin restore} suggests them).
     */
    public List<Paper> findRemoved(String typed, int limit) {
        String t = typed == null ? "" : typed.strip();
        String key = TextNormalizer.titleKey(t);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM papers "
                    + "WHERE removed_at IS NOT NULL AND (title_key LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\') "
                    + "ORDER BY removed_at DESC, id LIMIT ?")) {
                ps.setString(1, "%" + likeEscaped(key) + "%");
                ps.setString(2, likeEscaped(t) + "%");
                ps.setInt(3, limit);
                List<Paper> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(Row.of(rs).toPaper());
                }
                return out;
            }
        });
    }

    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A visible paper by arXiv id. */
    public Optional<Paper> findByArxivId(String arxivId) {
        return db.read(c -> {
            Row r = findRow(c, "arxiv_id", arxivId);
            return r == null || r.removedAt != null ? Optional.<Paper>empty() : Optional.of(r.toPaper());
        });
    }

    /** Streams every visible paper in id order, in pages, without holding them all in memory. */
    public void forEachVisible(Consumer<Paper> sink) {
        String after = "";
        while (true) {
            List<Paper> page = pageAfter(after, 1000);
            if (page.isEmpty()) return;
            page.forEach(sink);
            after = page.get(page.size() - 1).id();
        }
    }

    /** Up to {@code limit} visible papers with ids after {@code afterId}, in id order. */
    public List<Paper> pageAfter(String afterId, int limit) {
        return db.read(c -> {
            List<Paper> out = new ArrayList<>(limit);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM papers WHERE id > ? AND removed_at IS NULL ORDER BY id LIMIT ?")) {
                ps.setString(1, afterId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(Row.of(rs).toPaper());
                }
            }
            return out;
        });
    }

    /** Changes after {@code seq} and up to {@code upTo} in sequence order, at most {@code limit}. */
    public List<PaperChange> changesSince(long seq, long upTo, int limit) {
        return db.read(c -> {
            List<PaperChange> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM papers WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, seq);
                ps.setLong(2, upTo);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Row r = Row.of(rs);
                        out.add(new PaperChange(r.toPaper(), r.removedAt != null, r.seq));
                    }
                }
            }
            return out;
        });
    }

    /** The store's current change sequence: the seq of its latest change. */
    public long changeSequence() {
        return db.read(PaperStore::sequence);
    }

    private static long sequence(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SEQUENCE);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    /** Papers not removed. */
    public int count() {
        return scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'visible_papers'");
    }

    public int removedCount() {
        return scalar("SELECT COUNT(*) FROM papers WHERE removed_at IS NOT NULL");
    }

    private int scalar(String sql) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    /** A mutable row used only while merging. */
    private static final class Row {
        String id;
        String arxivId;
        boolean ownId;
        String title;
        String abstractText;
        List<String> authors;
        Integer authorCount;
        String organization;
        LocalDate published;
        Integer upvotes;
        String url;
        List<String> sources;
        String removedAt;
        Instant firstIngested;
        Instant updated;
        long seq;

        static Row of(ResultSet rs) throws SQLException {
            Row r = new Row();
            r.id = rs.getString("id");
            r.arxivId = rs.getString("arxiv_id");
            r.ownId = rs.getInt("own_id") == 1;
            r.title = rs.getString("title");
            r.abstractText = rs.getString("abstract");
            r.authors = Json.stringList(rs.getString("authors"));
            r.authorCount = (Integer) rs.getObject("author_count");
            r.organization = rs.getString("organization");
            String pub = rs.getString("published");
            r.published = pub == null ? null : LocalDate.parse(pub);
            r.upvotes = (Integer) rs.getObject("upvotes");
            r.url = rs.getString("url");
            r.sources = Json.stringList(rs.getString("sources"));
            r.removedAt = rs.getString("removed_at");
            r.firstIngested = Instant.parse(rs.getString("first_ingested"));
            r.updated = Instant.parse(rs.getString("updated"));
            r.seq = rs.getLong("seq");
            return r;
        }

        Row copy() {
            Row r = new Row();
            r.id = id;
            r.arxivId = arxivId;
            r.ownId = ownId;
            r.title = title;
            r.abstractText = abstractText;
            r.authors = authors;
            r.authorCount = authorCount;
            r.organization = organization;
            r.published = published;
            r.upvotes = upvotes;
            r.url = url;
            r.sources = sources;
            r.removedAt = removedAt;
            r.firstIngested = firstIngested;
            r.updated = updated;
            r.seq = seq;
            return r;
        }

        boolean sameData(Row o) {
            return Objects.equals(arxivId, o.arxivId)
                    && ownId == o.ownId
                    && Objects.equals(abstractText, o.abstractText)
                    && Objects.equals(authors, o.authors)
                    && Objects.equals(authorCount, o.authorCount)
                    && Objects.equals(organization, o.organization)
                    && Objects.equals(published, o.published)
                    && Objects.equals(upvotes, o.upvotes)
                    && Objects.equals(url, o.url)
                    && Objects.equals(sources, o.sources);
        }

        void bind(PreparedStatement ps, String titleKey) throws SQLException {
            ps.setString(1, id);
            ps.setString(2, arxivId);
            ps.setInt(3, ownId ? 1 : 0);
            ps.setString(4, title);
            ps.setString(5, titleKey);
            ps.setString(6, abstractText);
            ps.setString(7, Json.write(authors));
            setInt(ps, 8, authorCount);
            ps.setString(9, organization);
            ps.setString(10, published == null ? null : published.toString());
            setInt(ps, 11, upvotes);
            ps.setString(12, url);
            ps.setString(13, Json.write(sources));
            ps.setString(14, removedAt);
            ps.setString(15, firstIngested.toString());
            ps.setString(16, updated.toString());
            ps.setLong(17, seq);
        }

        Paper toPaper() {
            return new Paper(
                    id,
                    arxivId,
                    title,
                    abstractText,
                    authors,
                    authorCount,
                    organization,
                    published,
                    upvotes,
                    url,
                    sources,
                    firstIngested,
                    updated);
        }
    }
}
