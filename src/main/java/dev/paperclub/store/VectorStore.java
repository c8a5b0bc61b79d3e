package dev.paperclub.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Paper embeddings cached by paper id and model id ({@code paper_vectors}). The search index
 * reads them whenever it builds a paper's document, so a vector survives lexical re-indexing
 * and rebuilds without running the model again. A row remembers the paper's change sequence
 * and a hash of the text it embedded: a paper whose text changed is pending again, one whose
 * other fields changed (upvotes) is only re-stamped.
 */
public final class VectorStore {

    /** A paper waiting for a vector: what to embed and the version it is. */
    public record Pending(String id, long seq, String title, String abstractText) {
        /** What the vector is computed from, as the stored hash sees it. */
        public String text() {
            return passage(title, abstractText);
        }
    }

    /** A computed vector for the version {@code seq} of a paper whose embedded text was {@code text}. */
    public record Embedded(String id, long seq, String text, float[] vector) {}

    private static final int IN_CHUNK = 500;

    private final Database db;

    public VectorStore(Database db) {
        this.db = db;
    }

    /** The text a paper's vector is computed from (the embedder decides how to read it). */
    public static String passage(String title, String abstractText) {
        return title + ". " + abstractText;
    }

    /**
     * Visible papers without an up-to-date vector for {@code model}, at most {@code limit}.
     * Rows whose paper changed but whose text did not are re-stamped here and not returned.
     */
    public List<Pending> pending(String model, int limit) {
        while (true) {
            List<Pending> candidates = db.read(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT p.id, p.seq, p.title, p.abstract, v.text_hash FROM papers p "
                                + "LEFT JOIN paper_vectors v ON v.paper_id = p.id AND v.model = ? "
                                + "WHERE p.removed_at IS NULL AND (v.paper_id IS NULL OR v.seq < p.seq) LIMIT ?")) {
                    ps.setString(1, model);
                    ps.setInt(2, limit);
                    List<Pending> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Pending p = new Pending(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4));
                            String oldHash = rs.getString(5);
                            // the text is what was embedded, only the stamp is behind
                            boolean unchanged = oldHash != null && oldHash.equals(hash(p.text()));
                            out.add(unchanged ? new Pending(p.id(), p.seq(), null, null) : p);
                        }
                    }
                    return out;
                }
            });
            List<Pending> restamp =
                    candidates.stream().filter(p -> p.title() == null).toList();
            if (restamp.isEmpty()) return candidates;
            db.write(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE paper_vectors SET seq = ? WHERE paper_id = ? AND model = ?")) {
                    for (Pending p : restamp) {
                        ps.setLong(1, p.seq());
                        ps.setString(2, p.id());
                        ps.setString(3, model);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
            List<Pending> toEmbed =
                    candidates.stream().filter(p -> p.title() != null).toList();
            if (!toEmbed.isEmpty()) return toEmbed;
        }
    }

    /** Scans the covering index papers_visible_seq (migration V4), not the table with its abstracts. */
    static final String PENDING_COUNT =
            "SELECT COUNT(*) FROM papers p LEFT JOIN paper_vectors v ON v.paper_id = p.id AND v.model = ? "
                    + "WHERE p.removed_at IS NULL AND (v.paper_id IS NULL OR v.seq < p.seq)";

    /** Number of visible papers still waiting for a current vector of {@code model}. */
    public int pendingCount(String model) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(PENDING_COUNT)) {
                ps.setString(1, model);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /**
     * Reads the visible papers' ids from the covering index papers_visible_seq (migration V4).
     * Left to itself SQLite walked the vectors and read each paper's row for its removed_at: 2.6 s
     * at a million papers, at every start (the index compares its vector count with this); 0.45 s
     * this way.
     */
    static final String VECTOR_COUNT =
            "SELECT COUNT(*) FROM paper_vectors v JOIN papers p INDEXED BY papers_visible_seq "
                    + "ON p.id = v.paper_id WHERE v.model = ? AND p.removed_at IS NULL";

    /** Number of visible papers that have a vector of {@code model}. */
    public int count(String model) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(VECTOR_COUNT)) {
                ps.setString(1, model);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /**
     * Saves vectors, each only if its paper is still at the version that was embedded (a
     * paper changed meanwhile stays pending); returns the ids saved.
     */
    public List<String> save(String model, List<Embedded> vectors) {
        return db.write(c -> {
            List<String> saved = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT OR REPLACE INTO paper_vectors(paper_id, model, seq, text_hash, vector) "
                            + "SELECT id, ?, seq, ?, ? FROM papers WHERE id = ? AND seq = ?")) {
                for (Embedded e : vectors) {
                    ps.setString(1, model);
                    ps.setString(2, hash(e.text()));
                    ps.setBytes(3, toBytes(e.vector()));
                    ps.setString(4, e.id());
                    ps.setLong(5, e.seq());
                    if (ps.executeUpdate() > 0) saved.add(e.id());
                }
            }
            return saved;
        });
    }

    /** The stored vectors of {@code model} for those of {@code ids} that have one. */
    public Map<String, float[]> find(String model, Collection<String> ids) {
        Map<String, float[]> out = new HashMap<>();
        eachRow("paper_id, vector", model, ids, rs -> out.put(rs.getString(1), fromBytes(rs.getBytes(2))));
        return out;
    }

    /** Those of {@code ids} that have a stored vector of {@code model} (without reading the vectors). */
    public Set<String> having(String model, Collection<String> ids) {
        Set<String> out = new HashSet<>();
        eachRow("paper_id", model, ids, rs -> out.add(rs.getString(1)));
        return out;
    }

    private interface RowSink {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Hands {@code row} the {@code columns} of each stored vector of {@code model} among {@code ids}, {@value #IN_CHUNK} ids a query. */
    private void eachRow(String columns, String model, Collection<String> ids, RowSink row) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            db.read(c -> {
                String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT " + columns + " FROM paper_vectors WHERE model = ? AND paper_id IN (" + marks + ")")) {
                    ps.setString(1, model);
                    for (int i = 0; i < part.size(); i++) ps.setString(i + 2, part.get(i));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) row.accept(rs);
                    }
                }
                return null;
            });
        }
    }

    /** Forgets every vector of {@code model} (re-embedding from scratch); returns how many. */
    public int deleteModel(String model) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM paper_vectors WHERE model = ?")) {
                ps.setString(1, model);
                return ps.executeUpdate();
            }
        });
    }

    static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
