package org.odpsexplorer.app.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.RecordingDialogs;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.connection.ConnectionStore;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.app.connection.Sessions;
import org.odpsexplorer.app.history.HistoryRef;
import org.odpsexplorer.app.history.HistoryService;
import org.odpsexplorer.app.history.HistorySettings;
import org.odpsexplorer.app.history.VersionAction;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;

/** The tree's view model on a same-thread executor against a real emulator. */
class ResourceTreeViewModelTest {
    @TempDir
    static Path dir;
    static EmbeddedEmulator emulator;
    static Sessions sessions;
    static ProjectRef ref;
    final RecordingDialogs dialogs = new RecordingDialogs();

    @BeforeAll
    static void start() throws Exception {
        emulator = EmbeddedEmulator.start(dir.resolve("data"));
        sessions = new Sessions(new ConnectionStore(dir.resolve("config")));
        sessions.setEmbeddedUrl(emulator.url());
        ref = new ProjectRef(EmbeddedEmulator.profile(), "demo");
    }

    @AfterAll
    static void stop() {
        sessions.close();
        emulator.close();
    }

    private ResourceTreeViewModel vm() {
        return new ResourceTreeViewModel(sessions, new SameThreadUiExecutor(), dialogs);
    }

    private static Odps odps() throws Exception {
        return sessions.client(ref.profile(), ref.project());
    }

    private List<ResourceInfo> load(ResourceTreeViewModel vm, boolean prefix) {
        List<List<ResourceInfo>> out = new ArrayList<>();
        vm.load(ref, prefix, out::add, e -> dialogs.errors.add(e.toString()));
        assertThat(dialogs.errors).isEmpty();
        return out.get(out.size() - 1);
    }

    @Test
    void listingGroupsByTypeAndTheFilterMatchesSubstringsLocallyAndPrefixesOnTheServer() throws Exception {
        odps().createResource("tvlist_alpha.py", "py", "x");
        odps().createResource("tvlist_beta.txt", "file", "y");
        ResourceTreeViewModel vm = vm();
        List<ResourceInfo> all = load(vm, false);
        assertThat(vm.grouped(all).keySet()).contains("file", "py", "jar", "archive");
        vm.filterProperty().set("ALPHA");
        assertThat(vm.grouped(all)).containsOnlyKeys("py");
        vm.filterProperty().set("tvlist_");
        assertThat(load(vm, true)).extracting(ResourceInfo::name).containsExactly("tvlist_alpha.py", "tvlist_beta.txt");
        vm.filterProperty().set("alpha");
        assertThat(load(vm, true)).as("server-side prefix, not substring").isEmpty();
    }

    @Test
    void deleteAsksNamingTheResourceAndOnlyDeletesWhenConfirmed() throws Exception {
        odps().createResource("tv_delete.txt", "file", "z");
        ResourceTreeViewModel vm = vm();
        dialogs.confirmAnswer = false;
        vm.delete(ref, "tv_delete.txt", () -> { });
        assertThat(odps().existResource("tv_delete.txt")).isTrue();
        dialogs.confirmAnswer = true;
        boolean[] done = {false};
        vm.delete(ref, "tv_delete.txt", () -> done[0] = true);
        assertThat(done[0]).isTrue();
        assertThat(odps().existResource("tv_delete.txt")).isFalse();
        assertThat(dialogs.confirmations).allMatch(c -> c.contains("tv_delete.txt"));
    }

    @Test
    void detailsCarryFullMetadataAndTheCommentCanBeChangedWithoutTouchingTheContent() throws Exception {
        odps().createResource("tv_comment.txt", "file", "content stays");
        ResourceTreeViewModel vm = vm();
        ResourceInfo listed = load(vm, false).stream().filter(i -> i.name().equals("tv_comment.txt")).findFirst()
                .orElseThrow();
        vm.select(ref, listed);
        assertThat(vm.detailsProperty().get().md5()).isNotBlank();
        assertThat(vm.detailsProperty().get().owner()).isNotBlank();
        vm.updateComment(ref, vm.detailsProperty().get(), "nightly job", () -> { });
        assertThat(dialogs.errors).isEmpty();
        assertThat(odps().getResource("tv_comment.txt").comment()).isEqualTo("nightly job");
        assertThat(vm.detailsProperty().get().comment()).isEqualTo("nightly job");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        odps().downloadResource("tv_comment.txt", out, ResourceOptions.defaults());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("content stays");
    }

    @Test
    void aCommentChangeIsRecordedInTheLocalHistory() throws Exception {
        odps().createResource("tv_comment_hist.txt", "file", "same bytes");
        ResourceTreeViewModel vm = vm();
        var history = new HistoryService(dir.resolve("hconfig"), dir.resolve("hdata"),
                HistorySettings.defaults(dir.resolve("hdata")));
        vm.setSaveRecorders(r -> history.recorder(r.profile().id(), r.project()));
        vm.updateComment(ref, odps().getResource("tv_comment_hist.txt").info(), "audited", () -> { });
        assertThat(dialogs.errors).isEmpty();
        var versions = history.journal().list(new HistoryRef(ref.profile().id(),
                "demo", "tv_comment_hist.txt"));
        assertThat(versions).extracting(v -> v.action()).containsExactly(
                VersionAction.SERVER, VersionAction.COMMENT);
        assertThat(new String(history.journal().readAll(versions.get(1)), StandardCharsets.UTF_8))
                .isEqualTo("same bytes");
    }

    @Test
    void newFileAndTableResourcesAreCreated() throws Exception {
        ResourceTreeViewModel vm = vm();
        vm.createFile(ref, "tv_new.py", ResourceType.PY, "", () -> { });
        vm.createTable(ref, "tv_table", "sales", "pt=20240101", () -> { }); // the demo table: sources must exist
        assertThat(dialogs.errors).isEmpty();
        assertThat(odps().getResource("tv_new.py").type()).isEqualTo(ResourceType.PY);
        assertThat(odps().getResource("tv_table").type()).isEqualTo(ResourceType.TABLE);
        assertThat(vm.grouped(load(vm, false))).containsKey("table");
        assertThat(Map.of("volumefile", ResourceTreeViewModel.groupOf(ResourceType.VOLUMEFILE)))
                .containsEntry("volumefile", "other");
    }
}
