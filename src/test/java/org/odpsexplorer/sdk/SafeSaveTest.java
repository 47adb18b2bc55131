package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.ResourceConflictException;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.wire.Md5;

/** Safe save: a flush refuses to overwrite a server copy that changed since the handle loaded it. */
class SafeSaveTest {
    @TempDir
    Path tempDir;
    private TestService service;
    private Odps mine;
    private Odps theirs;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir);
        mine = service.client();
        theirs = service.client();
    }

    @AfterEach
    void stop() {
        mine.close();
        theirs.close();
        service.close();
    }

    private String content(String name) {
        try (ResourceFile fp = theirs.openResource(name, "rb")) {
            return new String(fp.readBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void flushThrowsWithBothVersionsWhenSomeoneElseChangedTheResource() {
        mine.createResource("s.txt", "file", "base");
        ResourceFile fp = mine.openResource("s.txt", "r+");
        ResourceInfo opened = fp.baseline();
        fp.write("mine");
        theirs.updateResource("s.txt", "their version".getBytes(StandardCharsets.UTF_8), ResourceOptions.defaults());

        assertThatThrownBy(fp::flush).isInstanceOfSatisfying(ResourceConflictException.class, e -> {
            assertThat(e.expected()).isEqualTo(opened);
            assertThat(e.actual()).isNotNull();
            assertThat(e.actual().size()).isEqualTo(13);
            assertThat(e.getMessage()).contains("s.txt");
        });
        assertThat(content("s.txt")).isEqualTo("their version");
        assertThat(fp.isDirty()).isTrue();

        assertThatThrownBy(fp::close).isInstanceOf(ResourceConflictException.class);
        assertThat(fp.isClosed()).isFalse(); // as PyODPS: a failed close leaves the handle usable
        fp.flush(true);
        fp.close();
        assertThat(content("s.txt")).isEqualTo("mine");
    }

    @Test
    void rebaseTakesAMetadataOnlyChangeButNeverAContentChange() throws Exception {
        mine.createResource("c.txt", "file", "same");
        ResourceFile fp = mine.openResource("c.txt", "r+");
        Thread.sleep(1100); // a later modified time for the comment change (the server's times have whole seconds)
        ResourceInfo commented = theirs.updateResource("c.txt", "same".getBytes(StandardCharsets.UTF_8),
                ResourceOptions.defaults().withComment("reviewed")).info();
        assertThat(commented.sameVersionAs(fp.baseline())).isFalse();
        assertThat(fp.rebase(commented)).isTrue();
        fp.write("mine");
        fp.flush();
        assertThat(content("c.txt")).isEqualTo("mine");

        Thread.sleep(1100);
        ResourceInfo changed = theirs.updateResource("c.txt", "diff".getBytes(StandardCharsets.UTF_8),
                ResourceOptions.defaults()).info();
        ResourceInfo base = fp.baseline();
        assertThat(fp.rebase(changed)).as("same size, other MD5").isFalse();
        assertThat(fp.baseline()).isEqualTo(base);
        fp.write("x");
        assertThatThrownBy(fp::flush).isInstanceOf(ResourceConflictException.class);
        fp.discard();
    }

    @Test
    void successfulFlushMovesTheBaselineSoLaterFlushesSucceed() {
        mine.createResource("b.txt", "file", "v0");
        try (ResourceFile fp = mine.openResource("b.txt", "w")) {
            fp.write("v1");
            fp.flush();
            ResourceInfo afterFirst = fp.baseline();
            assertThat(afterFirst.size()).isEqualTo(2);
            assertThat(afterFirst.md5()).isEqualTo(Md5.hex("v1".getBytes()));
            fp.write("v2");
            fp.flush();
            assertThat(fp.baseline()).isNotEqualTo(afterFirst);
        }
        assertThat(content("b.txt")).isEqualTo("v1v2");
    }

    @Test
    void creatingWithWConflictsWhenTheResourceAppearedMeanwhile() {
        ResourceFile fp = mine.openResource("new.txt", "w");
        assertThat(fp.baseline()).isNull();
        fp.write("mine");
        theirs.createResource("new.txt", "file", "theirs");
        assertThatThrownBy(fp::flush).isInstanceOfSatisfying(ResourceConflictException.class, e -> {
            assertThat(e.expected()).isNull();
            assertThat(e.actual()).isNotNull();
        });
        fp.discard();
        assertThat(content("new.txt")).isEqualTo("theirs");
    }

    @Test
    void deletedMeanwhileIsAConflictAndForceRecreatesIt() {
        mine.createResource("d.txt", "file", "x");
        ResourceFile fp = mine.openResource("d.txt", "a");
        fp.write("y");
        theirs.deleteResource("d.txt");
        assertThatThrownBy(fp::flush).isInstanceOfSatisfying(ResourceConflictException.class,
                e -> assertThat(e.actual()).isNull());
        fp.flush(true);
        fp.close();
        assertThat(content("d.txt")).isEqualTo("xy");
    }

    @Test
    void forceOptionOverwritesWithoutChecking() {
        mine.createResource("f.txt", "file", "base");
        try (ResourceFile fp = mine.openResource("f.txt", "r+", ResourceOptions.defaults().withForce(true))) {
            fp.write("MINE");
            theirs.updateResource("f.txt", "other".getBytes(StandardCharsets.UTF_8), ResourceOptions.defaults());
        }
        assertThat(content("f.txt")).isEqualTo("MINE");
    }

    @Test
    void anUnchangedHandleNeverUploadsEvenIfTheServerChanged() {
        mine.createResource("u.txt", "file", "base");
        try (ResourceFile fp = mine.openResource("u.txt", "r+")) {
            fp.read();
            theirs.updateResource("u.txt", "newer".getBytes(StandardCharsets.UTF_8), ResourceOptions.defaults());
        }
        assertThat(content("u.txt")).isEqualTo("newer");
    }
}
