package org.odpsexplorer.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transactions of both durabilities commit or roll back as one, and a relaxed one leaves the connection at FULL. */
class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void relaxedTransactionsCommitAndRollBackLikeFullOnesAndRestoreFullSync() {
        Path file = dir.resolve("emulator.db");
        try (Database db = Database.open(file)) {
            db.migrate("t", List.of("CREATE TABLE t(v INTEGER NOT NULL)"));
            assertThat(synchronous(db)).isEqualTo(2); // FULL
            db.transaction(Database.Durability.RELAXED, c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO t(v) VALUES (1)");
                }
            });
            assertThat(synchronous(db)).isEqualTo(2);
            assertThatThrownBy(() -> db.transaction(Database.Durability.RELAXED, c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO t(v) VALUES (2)");
                    return st.executeUpdate("INSERT INTO t(v) VALUES (NULL)"); // NOT NULL: fails, all rolled back
                }
            })).isInstanceOf(StoreException.class);
            assertThat(synchronous(db)).isEqualTo(2);
        }
        try (Database reopened = Database.open(file)) {
            String values = reopened.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT group_concat(v) FROM t")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(values).isEqualTo("1");
        }
    }

    private static int synchronous(Database db) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
