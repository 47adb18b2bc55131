package org.odpsexplorer.emulator.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Owns the emulator's one SQLite connection ({@code emulator.db} in the data directory) and its schema versions.
 *
 * <p>Every store of the emulator (resources, functions, projects, and later tables) shares this object: each
 * registers its schema with {@link #migrate(String, List)} under its own component name, and runs its statements
 * through {@link #transaction(SqlWork)} or {@link #read(SqlWork)}. Access is serialised by one lock, which is plenty
 * for a local emulator and makes every transaction trivially isolated.
 *
 * <p>Durability: {@code journal_mode=WAL} with {@code synchronous=FULL}. In WAL mode {@code NORMAL} is already safe
 * against a killed process, but a power loss could roll back the last commits after the client saw 201; FULL syncs
 * the WAL on every commit so an acknowledged write survives that too, at a cost that is small next to the fsync of
 * the content file each write does anyway.
 *
 * <p>Thread-safe. Closed by its owner ({@code EmulatorServer}).
 */
public final class Database implements AutoCloseable {
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the database file, sets the pragmas and creates the schema-version table.
     *
     * @throws StoreException when the file cannot be opened or is not a SQLite database
     */
    public static Database open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                    if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                        throw new SQLException("SQLite refused WAL journal mode for " + file);
                    }
                }
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA foreign_keys=ON");
                st.execute("PRAGMA busy_timeout=10000");
                st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            }
            return new Database(c);
        } catch (SQLException | IOException e) {
            throw new StoreException(StoreException.Kind.FAILURE, "cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Brings one component's tables up to date: {@code steps.get(i)} is the DDL that takes the component from version
     * {@code i} to {@code i + 1}; steps already applied (per the {@code schema_version} table) are skipped. Append new
     * steps, never edit old ones.
     */
    public void migrate(String component, List<String> steps) {
        update(c -> {
            int current = 0;
            try (PreparedStatement st = c.prepareStatement("SELECT version FROM schema_version WHERE component = ?")) {
                st.setString(1, component);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        current = rs.getInt(1);
                    }
                }
            }
            if (current > steps.size()) {
                throw new StoreException(StoreException.Kind.FAILURE, "database schema of " + component
                        + " is version " + current + ", newer than this program (" + steps.size() + ")");
            }
            for (int v = current; v < steps.size(); v++) {
                try (Statement st = c.createStatement()) {
                    for (String sql : steps.get(v).split(";")) {
                        if (!sql.isBlank()) {
                            st.execute(sql);
                        }
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO schema_version(component, version) VALUES(?, ?) "
                            + "ON CONFLICT(component) DO UPDATE SET version = excluded.version")) {
                st.setString(1, component);
                st.setInt(2, steps.size());
                st.executeUpdate();
            }
        });
    }

    /** Work run against the connection; must not keep the connection or statements beyond the call. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction under the lock: committed when it returns, rolled back when it throws.
     * Runtime exceptions from {@code work} (such as {@link StoreException}) pass through unchanged after the rollback.
     */
    public <T> T transaction(SqlWork<T> work) {
        return transaction(Durability.FULL, work);
    }

    /** Work that returns nothing, run by {@link #update}; must not keep the connection beyond the call. */
    @FunctionalInterface
    public interface SqlUpdate {
        void run(Connection connection) throws SQLException;
    }

    /** {@link #transaction(SqlWork)} for work that returns nothing (a {@link SqlWork} never returns null). */
    public void update(SqlUpdate work) {
        transaction(c -> {
            work.run(c);
            return Boolean.TRUE;
        });
    }

    /** How a transaction's commit reaches the disk. */
    public enum Durability {
        /** The WAL is synced at commit: an acknowledged change survives a power loss. The default. */
        FULL,
        /**
         * Not synced at commit ({@code synchronous=NORMAL} for this transaction): still atomic and safe against a
         * killed process, but a power loss may drop it. Only for records whose loss a client shrugs off, such as a
         * tunnel download session (the client opens a new one); it saves the sync, about a millisecond per commit.
         */
        RELAXED
    }

    /**
     * Runs {@code work} in one transaction under the lock, committed with the given durability; otherwise as
     * {@link #transaction(SqlWork)}.
     */
    public <T> T transaction(Durability durability, SqlWork<T> work) {
        lock.lock();
        try {
            if (durability == Durability.RELAXED) {
                pragmaSynchronous("NORMAL");
            }
            try {
                return transactionLocked(work);
            } finally {
                if (durability == Durability.RELAXED) {
                    pragmaSynchronous("FULL");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void pragmaSynchronous(String level) {
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA synchronous=" + level);
        } catch (SQLException e) {
            throw new StoreException(StoreException.Kind.FAILURE, "database error: " + e.getMessage(), e);
        }
    }

    /** The transaction itself; the caller holds the lock. */
    private <T> T transactionLocked(SqlWork<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(StoreException.Kind.FAILURE, "database error: " + e.getMessage(), e);
        }
    }

    /** Runs read-only {@code work} under the lock in autocommit mode. */
    public <T> T read(SqlWork<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(StoreException.Kind.FAILURE, "database error: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds the database lock while {@code action} runs, so a caller can make a file-system step (publishing a content
     * file) and the following transaction atomic with respect to other writers. Re-entrant with {@link #transaction}.
     */
    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(StoreException.Kind.FAILURE, "cannot close database: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
