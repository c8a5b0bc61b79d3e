package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SchemaUpgradeTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName(
            "an index written with the older layout (abstract indexed with offsets) is rebuilt at start, then takes new papers")
    void olderLayoutIsRebuilt() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestSample(app, "hf_daily_papers_2026-06.json");
        }
        // Replace the index with one as the previous version left it: the abstract indexed with
        // offsets, and a commit without the schema marker.
        Path indexDir = dir.resolve("index");
        Map<String, String> userData;
        try (FSDirectory d = FSDirectory.open(indexDir)) {
            userData = new HashMap<>(SegmentInfos.readLatestCommit(d).getUserData());
        }
        userData.remove(PaperIndex.SCHEMA_KEY);
        try (var files = java.nio.file.Files.list(indexDir)) {
            for (Path f : files.toList()) java.nio.file.Files.delete(f);
        }
        try (FSDirectory d = FSDirectory.open(indexDir)) {
            FieldType offsets = new FieldType(TextField.TYPE_STORED);
            offsets.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
            try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
                Document doc = new Document();
                doc.add(new Field(PaperFields.ABSTRACT, "an abstract indexed the old way", offsets));
                // layout 3: the title key indexed without doc values (4 adds them), a title_start field
                doc.add(new org.apache.lucene.document.StringField(
                        PaperFields.TITLE_KEY, "anoldtitle", Field.Store.NO));
                doc.add(new org.apache.lucene.document.StringField("title_start", "an", Field.Store.NO));
                w.addDocument(doc);
                w.setLiveCommitData(userData.entrySet());
                w.commit();
            }
        }
        try (PaperIndex index = PaperIndex.open(indexDir)) {
            assertFalse(index.schemaCurrent());
        }

        try (App app = TestApps.open(dir)) {
            assertTrue(app.index().schemaCurrent());
            assertEquals(30, app.index().count()); // the old-layout document is gone, every stored paper is back
            // writing the new layout into it must not clash with the old field definition
            TestApps.ingestSample(app, "arxiv_atom_2026.xml");
            assertEquals(app.papers().count(), app.index().count());
            assertFalse(
                    app.search().search(SearchQuery.of("attention", 5)).hits().isEmpty());
            assertFalse(app.titles().suggest("atten", 5).isEmpty());
        }
        try (PaperIndex index = PaperIndex.open(indexDir)) {
            assertTrue(index.schemaCurrent());
        }
    }
}
