package org.odpsexplorer.emulator.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link ResourceStore} on {@link Database} (metadata) and {@link ContentFiles} (bytes).
 *
 * <p>Crash safety of every write: bytes are staged and fsynced first (no lock held, so a slow upload blocks nobody);
 * then, under the database lock, the preconditions are checked, the staged file is renamed to its immutable content
 * id (directory fsynced) and the metadata transaction commits; content files that lost their reference are deleted
 * only after that commit. Killed before the commit, the old row still points at the old file and the new file is an
 * orphan; killed after it, the new row points at a complete file and the old file is an orphan. Orphans are removed
 * at the next start ({@link #liveContentIds()} with {@link ContentFiles#collectGarbage}).
 */
public final class SqliteResourceStore implements ResourceStore {
    /** Schema steps of the {@code resources} component; append only. */
    private static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE resources ("
                    + " project TEXT NOT NULL, schema_name TEXT NOT NULL, name TEXT NOT NULL,"
                    + " type TEXT NOT NULL, owner TEXT NOT NULL, last_updator TEXT NOT NULL, comment TEXT,"
                    + " created_ms INTEGER NOT NULL, modified_ms INTEGER NOT NULL, is_temp INTEGER NOT NULL,"
                    + " size INTEGER, md5 TEXT, content_id TEXT, table_source TEXT, file_source TEXT,"
                    + " PRIMARY KEY (project, schema_name, name));"
                    + "CREATE INDEX resources_content ON resources(content_id)");
    private static final String COLUMNS = "project, schema_name, name, type, owner, last_updator, comment, created_ms,"
            + " modified_ms, is_temp, size, md5, content_id, table_source, file_source";

    private final Database db;
    private final ContentFiles files;
    private final Clock clock;
    private final PartChains chains = new PartChains();

    /**
     * The bytes a commit makes the resource's content: a staged file to publish, or already published files linked in
     * order ({@link ContentFiles#linkedRef}).
     */
    private record NewContent(long size, String md5, ContentFiles.@Nullable Staged staged, @Nullable String linkedRef) {
        static NewContent of(ContentFiles.Staged staged) {
            return new NewContent(staged.size(), staged.md5(), staged, null);
        }
    }

    public SqliteResourceStore(Database db, ContentFiles files, Clock clock) {
        this.db = db;
        this.files = files;
        this.clock = clock;
        db.migrate("resources", MIGRATIONS);
    }

    /** Every content id a row points at; what garbage collection must keep. */
    public Set<String> liveContentIds() {
        return db.read(c -> {
            Set<String> ids = new HashSet<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT content_id FROM resources WHERE content_id IS NOT NULL");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.addAll(ContentFiles.idsOf(rs.getString(1)));
                }
            }
            return ids;
        });
    }

    @Override
    public Optional<ResourceRecord> find(ResourceKey key) {
        return db.read(c -> select(c, key));
    }

    @Override
    public ResourcePage list(String project, String schema, @Nullable String prefix, @Nullable String owner,
                             @Nullable String after, int maxItems) {
        return db.read(c -> {
            List<ResourceRecord> items = NamePageQuery.run(c, "SELECT " + COLUMNS
                    + " FROM resources WHERE project = ? AND schema_name = ? AND is_temp = 0", List.of(project, schema),
                    prefix, owner, after, maxItems, SqliteResourceStore::read);
            if (items.size() > maxItems) {
                items = items.subList(0, maxItems);
                return new ResourcePage(items, items.get(items.size() - 1).key().name());
            }
            return new ResourcePage(items, null);
        });
    }

    @Override
    public ResourceRecord writeContent(ResourceKey key, ResourceWrite write, WriteMode mode, InputStream body,
                                       long maxBytes, @Nullable String expectedMd5) throws IOException {
        // fail fast before reading a possibly large body; the authoritative check repeats under the lock
        checkMode(key, mode, find(key));
        PartChains.Start start = chains.startFor(key);
        ContentFiles.Staged staged = files.stage(body, maxBytes);
        try {
            if (expectedMd5 != null && !expectedMd5.equalsIgnoreCase(staged.md5())) {
                throw new StoreException(StoreException.Kind.INVALID, "ODPS-0420111:Content-MD5 mismatch - header "
                        + expectedMd5 + ", body " + staged.md5());
            }
            ResourceRecord stored = commit(key, write, mode, NewContent.of(staged), List.of());
            if (start != null) {
                chains.record(key, start, stored.contentId(), staged.digest(), files);
            }
            return stored;
        } finally {
            files.discard(staged); // no-op when it was published (the staging file was renamed away)
        }
    }

    @Override
    public ResourceRecord writeReference(ResourceKey key, ResourceWrite write, WriteMode mode) {
        return commit(key, write, mode, null, List.of());
    }

    @Override
    public ResourceRecord merge(ResourceKey key, ResourceWrite write, WriteMode mode, List<String> partNames,
                                String expectedMd5, @Nullable Long expectedTotal, long maxBytes) throws IOException {
        List<ResourceRecord> parts = db.read(c -> {
            checkMode(key, mode, select(c, key));
            List<ResourceRecord> out = new ArrayList<>();
            for (String name : partNames) {
                ResourceRecord part = select(c, key.withName(name)).orElseThrow(() -> new StoreException(
                        StoreException.Kind.NOT_FOUND, "ODPS-0130131:Resource part not found - '" + name + "'"));
                if (!part.hasContent()) {
                    throw new StoreException(StoreException.Kind.INVALID,
                            "ODPS-0420111:Merge part '" + name + "' is a " + part.type() + " resource without content");
                }
                out.add(part);
            }
            return out;
        });
        long total = 0;
        for (ResourceRecord p : parts) {
            total += p.size() == null ? 0 : p.size();
        }
        if (expectedTotal != null && total != expectedTotal) {
            throw new StoreException(StoreException.Kind.INVALID, "ODPS-0420111:Merge total bytes mismatch - header "
                    + expectedTotal + ", parts " + total);
        }
        if (parts.isEmpty()) {
            // an empty resource: a new empty file (there is nothing to link)
            ContentFiles.Staged staged = files.stage(InputStream.nullInputStream(), maxBytes);
            try {
                checkMergeMd5(expectedMd5, staged.md5());
                return commit(key, write, mode, NewContent.of(staged), parts);
            } finally {
                files.discard(staged);
            }
        }
        if (total > maxBytes) {
            throw new StoreException(StoreException.Kind.INVALID,
                    "ODPS-0420095:Merged resource exceeds the size limit of " + maxBytes + " bytes");
        }
        // The parts' files are immutable and already durable: the resource links them in order instead of copying
        // them into a new file, so the merge writes no bytes and needs no fsync beyond the metadata commit. Its MD5
        // comes from the digest chained through the uploads of these very parts when there is one, else from one read.
        List<String> ids = new ArrayList<>();
        for (ResourceRecord p : parts) {
            ids.addAll(ContentFiles.idsOf(Objects.requireNonNull(p.contentId(), "a part has content")));
        }
        String md5 = chains.md5If(key.withName(partNames.get(partNames.size() - 1)), ids);
        if (md5 == null) {
            try {
                md5 = files.md5Of(ids);
            } catch (NoSuchFileException e) {
                throw new StoreException(StoreException.Kind.CONFLICT,
                        "ODPS-0110061:A part changed while merging; retry the merge", e);
            }
        }
        checkMergeMd5(expectedMd5, md5);
        return commit(key, write, mode, new NewContent(total, md5, null, ContentFiles.linkedRef(ids)), parts);
    }

    private static void checkMergeMd5(String expected, String actual) {
        if (!expected.equalsIgnoreCase(actual)) {
            throw new StoreException(StoreException.Kind.INVALID, "ODPS-0420111:Merge MD5 mismatch - declared "
                    + expected + ", parts " + actual);
        }
    }

    @Override
    public boolean delete(ResourceKey key) {
        Optional<ResourceRecord> old = db.transaction(c -> {
            Optional<ResourceRecord> existing = select(c, key);
            if (existing.isPresent()) {
                try (PreparedStatement st = c.prepareStatement(
                        "DELETE FROM resources WHERE project = ? AND schema_name = ? AND name = ?")) {
                    bindKey(st, key, 1);
                    st.executeUpdate();
                }
            }
            return existing;
        });
        old.map(ResourceRecord::contentId).ifPresent(files::deleteObsolete);
        return old.isPresent();
    }

    @Override
    public ResourceContent openContent(ResourceKey key) {
        // opened under the lock so the file cannot be deleted between the lookup and the open
        return db.locked(() -> {
            ResourceRecord r = find(key).orElseThrow(() -> notFound(key));
            if (r.contentId() == null) {
                throw new StoreException(StoreException.Kind.INVALID,
                        "ODPS-0420111:Resource '" + key.name() + "' is a " + r.type() + " resource without content");
            }
            try {
                return new ResourceContent(r, files.open(r.contentId()));
            } catch (IOException e) {
                throw new StoreException(StoreException.Kind.FAILURE,
                        "content file of '" + key.name() + "' cannot be opened: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Under the lock: re-checks the preconditions, publishes {@code staged} (null for reference kinds), commits the row
     * and the removal of {@code consumedParts}, then deletes the files nobody references any more.
     */
    private ResourceRecord commit(ResourceKey key, ResourceWrite write, WriteMode mode,
                                  @Nullable NewContent content, List<ResourceRecord> consumedParts) {
        List<String> obsolete = new ArrayList<>();
        ResourceRecord stored = db.locked(() -> {
            Optional<ResourceRecord> old = find(key);
            checkMode(key, mode, old);
            for (ResourceRecord part : consumedParts) {
                Optional<ResourceRecord> now = find(part.key());
                if (now.isEmpty() || !Objects.equals(now.get().contentId(), part.contentId())) {
                    throw new StoreException(StoreException.Kind.CONFLICT,
                            "ODPS-0110061:Part '" + part.key().name() + "' changed while merging; retry the merge");
                }
            }
            String contentId = null;
            boolean published = false;
            if (content != null && content.staged() != null) {
                try {
                    contentId = files.publish(content.staged());
                    published = true;
                } catch (IOException e) {
                    throw new StoreException(StoreException.Kind.FAILURE, "cannot publish content: " + e.getMessage(), e);
                }
            } else if (content != null) {
                contentId = content.linkedRef();
            }
            ResourceRecord next = merged(key, write, old.orElse(null), content, contentId);
            try {
                db.update(c -> {
                    upsert(c, next);
                    Set<String> seen = new LinkedHashSet<>();
                    for (ResourceRecord part : consumedParts) {
                        if (!part.key().equals(key) && seen.add(part.key().name())) {
                            try (PreparedStatement st = c.prepareStatement(
                                    "DELETE FROM resources WHERE project = ? AND schema_name = ? AND name = ?")) {
                                bindKey(st, part.key(), 1);
                                st.executeUpdate();
                            }
                        }
                    }
                });
            } catch (RuntimeException e) {
                if (published && contentId != null) {
                    files.deleteObsolete(contentId);
                }
                throw e;
            }
            old.map(ResourceRecord::contentId).ifPresent(obsolete::add);
            consumedParts.stream().map(ResourceRecord::contentId).forEach(obsolete::add);
            return next;
        });
        // files the new row still links (a merge whose target was one of its own parts) stay
        Set<String> kept = stored.contentId() == null ? Set.of() : Set.copyOf(ContentFiles.idsOf(stored.contentId()));
        for (String ref : new LinkedHashSet<>(obsolete)) {
            if (ref != null) {
                for (String id : ContentFiles.idsOf(ref)) {
                    if (!kept.contains(id)) {
                        files.deleteObsolete(id);
                    }
                }
            }
        }
        return stored;
    }

    private ResourceRecord merged(ResourceKey key, ResourceWrite write, @Nullable ResourceRecord old,
                                  @Nullable NewContent content, @Nullable String contentId) {
        Instant now = clock.instant();
        String type = write.type() != null ? write.type() : old != null ? old.type() : "file";
        String comment = write.comment() != null ? write.comment() : old != null ? old.comment() : null;
        boolean temp = write.temp() != null ? write.temp() : old != null && old.temp();
        return new ResourceRecord(key, type, old != null ? old.owner() : write.actor(), write.actor(), comment,
                old != null ? old.created() : now, now, temp,
                content != null ? content.size() : null, content != null ? content.md5() : null, contentId,
                write.tableSource(), write.fileSource());
    }

    private static void checkMode(ResourceKey key, WriteMode mode, Optional<ResourceRecord> existing) {
        if (mode == WriteMode.CREATE && existing.isPresent()) {
            throw new StoreException(StoreException.Kind.ALREADY_EXISTS,
                    "ODPS-0110061:Resource '" + key.name() + "' already exists");
        }
        if (mode == WriteMode.REPLACE && existing.isEmpty()) {
            throw notFound(key);
        }
    }

    private static StoreException notFound(ResourceKey key) {
        return new StoreException(StoreException.Kind.NOT_FOUND,
                "ODPS-0130131:Resource not found - '" + key.name() + "'");
    }

    private static Optional<ResourceRecord> select(Connection c, ResourceKey key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + " FROM resources WHERE project = ? AND schema_name = ? AND name = ?")) {
            bindKey(st, key, 1);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static void upsert(Connection c, ResourceRecord r) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT OR REPLACE INTO resources (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindKey(st, r.key(), 1);
            st.setString(4, r.type());
            st.setString(5, r.owner());
            st.setString(6, r.lastUpdator());
            st.setString(7, r.comment());
            st.setLong(8, r.created().toEpochMilli());
            st.setLong(9, r.modified().toEpochMilli());
            st.setInt(10, r.temp() ? 1 : 0);
            if (r.size() == null) {
                st.setNull(11, Types.INTEGER);
            } else {
                st.setLong(11, r.size());
            }
            st.setString(12, r.md5());
            st.setString(13, r.contentId());
            st.setString(14, r.tableSource());
            st.setString(15, r.fileSource());
            st.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement st, ResourceKey key, int first) throws SQLException {
        st.setString(first, key.project());
        st.setString(first + 1, key.schema());
        st.setString(first + 2, key.name());
    }

    private static ResourceRecord read(ResultSet rs) throws SQLException {
        long size = rs.getLong("size");
        Long sizeOrNull = rs.wasNull() ? null : size;
        return new ResourceRecord(
                new ResourceKey(rs.getString("project"), rs.getString("schema_name"), rs.getString("name")),
                rs.getString("type"), rs.getString("owner"), rs.getString("last_updator"), rs.getString("comment"),
                Instant.ofEpochMilli(rs.getLong("created_ms")), Instant.ofEpochMilli(rs.getLong("modified_ms")),
                rs.getInt("is_temp") != 0, sizeOrNull, rs.getString("md5"), rs.getString("content_id"),
                rs.getString("table_source"), rs.getString("file_source"));
    }
}
