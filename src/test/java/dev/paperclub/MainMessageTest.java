package dev.paperclub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperclub.store.StoreException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** How a failed verb reads on stderr: the hint at another process only where a lock is the cause. */
final class MainMessageTest {
    @Test
    @DisplayName("a busy database hints at another process; any other store failure does not")
    void hintOnlyWhenBusy() {
        StoreException busy = new StoreException(
                "Database write failed: database is locked",
                new SQLiteException("[SQLITE_BUSY] database is locked", SQLiteErrorCode.SQLITE_BUSY));
        assertEquals(
                "Database write failed: database is locked (is another PaperClub process using the same data.dir?)",
                Main.message(busy));
        StoreException other = new StoreException(
                "/d/paperclub.db is not a PaperClub database (not SQLite)",
                new SQLiteException("[SQLITE_NOTADB] file is not a database", SQLiteErrorCode.SQLITE_NOTADB));
        assertEquals("/d/paperclub.db is not a PaperClub database (not SQLite)", Main.message(other));
    }

    @Test
    @DisplayName("a data dir problem is shown as it is")
    void dataDirAsIs() {
        assertEquals(
                "another PaperClub process (a console or the bot) is using d; stop it, or point this command at another data.dir",
                Main.message(
                        new DataDirException(
                                "another PaperClub process (a console or the bot) is using d; stop it, or point this command at another data.dir")));
    }
}
