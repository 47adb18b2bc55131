package org.odpsexplorer.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a real SQLite file and real content files: write modes, atomicity on failure, merge, GC. */
class SqliteResourceStoreTest {
    private static final ResourceKey KEY = new ResourceKey("p", "default", "a.txt");

    @TempDir
    Path dir;
    Database db;
    ContentFiles files;
    SqliteResourceStore store;

    @BeforeEach
    void open() throws IOException {
        db = Database.open(dir.resolve("emulator.db"));
        files = new ContentFiles(dir);
        store = new SqliteResourceStore(db, files, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createReplaceAndUpsertFollowTheirPreconditions() throws IOException {
        write(KEY, WriteMode.CREATE, "one");
        assertThatThrownBy(() -> write(KEY, WriteMode.CREATE, "two")).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.ALREADY_EXISTS));
        assertThatThrownBy(() -> write(KEY.withName("b"), WriteMode.REPLACE, "x"))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.NOT_FOUND));
        write(KEY, WriteMode.REPLACE, "three");
        write(KEY, WriteMode.UPSERT, "four");
        assertThat(read(KEY)).isEqualTo("four");
        assertThat(contentFiles()).hasSize(1); // superseded versions were deleted after each commit
    }

    @Test
    void aBodyThatFailsHalfwayLeavesTheOldVersionAndNoStagingFile() throws IOException {
        write(KEY, WriteMode.CREATE, "old");
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 1000) {
                    return 'x';
                }
                throw new IOException("client went away");
            }
        };
        assertThatThrownBy(() -> store.writeContent(KEY, write("file"), WriteMode.REPLACE, failing, 1 << 20, null))
                .isInstanceOf(IOException.class);
        assertThat(read(KEY)).isEqualTo("old");
        assertThat(stagingFiles()).isEmpty();
    }

    @Test
    void oversizeBodiesAreRefusedWithoutStoringAnything() {
        assertThatThrownBy(() -> store.writeContent(KEY, write("file"), WriteMode.CREATE,
                new ByteArrayInputStream(new byte[11]), 10, null))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.INVALID));
        assertThat(store.find(KEY)).isEmpty();
    }

    @Test
    void mergeConcatenatesPartsInOrderAndRemovesThem() throws IOException {
        write(KEY.withName("a.txt.part.tmp.000000"), WriteMode.UPSERT, "hello ");
        write(KEY.withName("a.txt.part.tmp.000001"), WriteMode.UPSERT, "world");
        String md5 = md5("hello world");
        ResourceRecord r = store.merge(KEY, write("py"), WriteMode.CREATE,
                List.of("a.txt.part.tmp.000000", "a.txt.part.tmp.000001"), md5, 11L, 1 << 20);
        assertThat(r.md5()).isEqualTo(md5);
        assertThat(r.type()).isEqualTo("py");
        assertThat(read(KEY)).isEqualTo("hello world");
        assertThat(store.find(KEY.withName("a.txt.part.tmp.000000"))).isEmpty();
        // the resource links the parts' two files (no copy); deleting it removes them
        assertThat(contentFiles()).hasSize(2);
        assertThat(store.delete(KEY)).isTrue();
        assertThat(contentFiles()).isEmpty();
    }

    @Test
    void aMergeOutOfUploadOrderOrWithAReUploadedPartIsCheckedAgainstTheBytesItLinks() throws IOException {
        // uploaded 0, 1, 2 in order (the digest is chained), merged in another order: the chain does not cover
        // this order, so the merge reads the parts; the declared MD5 of the upload order is refused
        write(KEY.withName("b.part.tmp.000000"), WriteMode.UPSERT, "one ");
        write(KEY.withName("b.part.tmp.000001"), WriteMode.UPSERT, "two ");
        write(KEY.withName("b.part.tmp.000002"), WriteMode.UPSERT, "three");
        List<String> reversed = List.of("b.part.tmp.000002", "b.part.tmp.000001", "b.part.tmp.000000");
        assertThatThrownBy(() -> store.merge(KEY, write("file"), WriteMode.CREATE, reversed, md5("one two three"),
                13L, 1 << 20)).isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.INVALID));
        assertThat(store.find(KEY.withName("b.part.tmp.000000"))).isPresent();
        // a re-upload of the middle part with other bytes: the chain no longer matches its file
        write(KEY.withName("b.part.tmp.000001"), WriteMode.UPSERT, "TWO ");
        List<String> inOrder = List.of("b.part.tmp.000000", "b.part.tmp.000001", "b.part.tmp.000002");
        assertThatThrownBy(() -> store.merge(KEY, write("file"), WriteMode.CREATE, inOrder, md5("one two three"),
                13L, 1 << 20)).isInstanceOf(StoreException.class);
        ResourceRecord r = store.merge(KEY, write("file"), WriteMode.CREATE, inOrder, md5("one TWO three"), 13L,
                1 << 20);
        assertThat(r.md5()).isEqualTo(md5("one TWO three"));
        assertThat(read(KEY)).isEqualTo("one TWO three");
    }

    @Test
    void aLinkedResourceReadsAcrossItsPartsAndSurvivesRestartAndReplacement() throws IOException {
        write(KEY.withName("c.part.tmp.000000"), WriteMode.UPSERT, "0123");
        write(KEY.withName("c.part.tmp.000001"), WriteMode.UPSERT, "");
        write(KEY.withName("c.part.tmp.000002"), WriteMode.UPSERT, "456789");
        store.merge(KEY, write("file"), WriteMode.CREATE,
                List.of("c.part.tmp.000000", "c.part.tmp.000001", "c.part.tmp.000002"), md5("0123456789"), 10L, 1 << 20);
        try (ResourceContent c = store.openContent(KEY)) {
            assertThat(c.channel().size()).isEqualTo(10);
            ByteBuffer buf = ByteBuffer.allocate(6);
            assertThat(c.channel().read(buf, 2)).isEqualTo(6); // across the boundary and the empty part
            assertThat(new String(buf.array(), StandardCharsets.UTF_8)).isEqualTo("234567");
            assertThat(c.channel().read(ByteBuffer.allocate(1), 10)).isEqualTo(-1);
        }
        db.close();
        db = Database.open(dir.resolve("emulator.db"));
        files = new ContentFiles(dir);
        store = new SqliteResourceStore(db, files, Clock.systemUTC());
        assertThat(files.collectGarbage(store.liveContentIds())).isZero();
        assertThat(read(KEY)).isEqualTo("0123456789");
        // replacing it (here by a merge of itself and a new part) keeps what the new content links, drops the rest
        write(KEY.withName("c.part.tmp.000003"), WriteMode.UPSERT, "!");
        store.merge(KEY, write("file"), WriteMode.REPLACE, List.of(KEY.name(), "c.part.tmp.000003"),
                md5("0123456789!"), 11L, 1 << 20);
        assertThat(read(KEY)).isEqualTo("0123456789!");
        write(KEY, WriteMode.REPLACE, "plain");
        assertThat(read(KEY)).isEqualTo("plain");
        assertThat(contentFiles()).hasSize(1);
    }

    @Test
    void rangedReadsPositionInTheImmutableFile() throws IOException {
        write(KEY, WriteMode.CREATE, "0123456789");
        try (ResourceContent c = store.openContent(KEY)) {
            ByteBuffer buf = ByteBuffer.allocate(3);
            c.channel().read(buf, 6);
            assertThat(new String(buf.array(), StandardCharsets.UTF_8)).isEqualTo("678");
            // an update meanwhile does not disturb an open reader: it got its own new file
            write(KEY, WriteMode.REPLACE, "abcdefghij");
            buf.clear();
            c.channel().read(buf, 0);
            assertThat(new String(buf.array(), StandardCharsets.UTF_8)).isEqualTo("012");
        }
        assertThat(read(KEY)).isEqualTo("abcdefghij");
    }

    @Test
    void startUpGarbageCollectionRemovesOrphansAndStagingFilesButKeepsLiveContent() throws IOException {
        write(KEY, WriteMode.CREATE, "live");
        Files.writeString(dir.resolve("content").resolve("0123456789abcdef0123456789abcdef"), "orphan");
        Files.writeString(dir.resolve("tmp").resolve("leftover.tmp"), "half an upload");
        db.close();

        db = Database.open(dir.resolve("emulator.db"));
        files = new ContentFiles(dir);
        store = new SqliteResourceStore(db, files, Clock.systemUTC());
        assertThat(files.collectGarbage(store.liveContentIds())).isEqualTo(2);
        assertThat(contentFiles()).hasSize(1);
        assertThat(stagingFiles()).isEmpty();
        assertThat(read(KEY)).isEqualTo("live");
    }

    @Test
    void migrationsAreRecordedAndNotReapplied() {
        db.migrate("resources", List.of("CREATE TABLE will_not_run (x INTEGER)"));
        int tables = db.read(c -> {
            try (var st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'will_not_run'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(tables).isZero();
    }

    private ResourceRecord write(ResourceKey key, WriteMode mode, String content) throws IOException {
        return store.writeContent(key, write("file"), mode,
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), 1 << 20, null);
    }

    private static ResourceWrite write(String type) {
        return new ResourceWrite(type, null, null, null, null, "ALIYUN$t@odps-explorer.local");
    }

    private String read(ResourceKey key) throws IOException {
        try (ResourceContent c = store.openContent(key)) {
            ByteBuffer buf = ByteBuffer.allocate((int) c.channel().size());
            c.channel().read(buf, 0);
            return new String(buf.array(), StandardCharsets.UTF_8);
        }
    }

    private List<Path> contentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("content"))) {
            return s.toList();
        }
    }

    private List<Path> stagingFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("tmp"))) {
            return s.toList();
        }
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
