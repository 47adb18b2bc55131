package org.odpsexplorer.app.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.FunctionUsage;
import org.odpsexplorer.app.common.RecordingDialogs;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.connection.ConnectionStore;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.app.connection.Sessions;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.Function;

/**
 * The functions' view model and the used-by question on a same-thread executor against a real emulator (the demo
 * project, whose function {@code demo_upper} uses {@code demo_udf.py}).
 */
class FunctionsViewModelTest {
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

    private static Odps odps() throws Exception {
        return sessions.client(ref.profile(), ref.project());
    }

    private FunctionsViewModel vm() {
        return new FunctionsViewModel(sessions, new SameThreadUiExecutor(), dialogs);
    }

    private static FunctionsViewModel.Listing load(FunctionsViewModel vm) {
        List<FunctionsViewModel.Listing> out = new ArrayList<>();
        vm.load(ref, out::add);
        return out.get(0);
    }

    @Test
    void theListingIsSortedAndTheUsedByLineNamesTheFunctionsOfAResource() throws Exception {
        odps().createResource("vm_shared.py", "py", "x = 1\n");
        odps().createFunction("vm_zeta", "vm_shared.Z", List.of("vm_shared.py"));
        odps().createFunction("vm_alpha", "vm_shared.A", List.of("vm_shared.py", "demo_udf.py"));
        FunctionsViewModel vm = vm();
        assertThat(vm.usedByText(ref, "vm_shared.py")).as("before the listing arrived").isEqualTo("…");
        FunctionsViewModel.Listing listing = load(vm);
        assertThat(listing.failure()).isNull();
        List<String> names = listing.functions().stream().map(Function::name).toList();
        assertThat(names).isSorted().contains("demo_upper", "vm_alpha", "vm_zeta");
        assertThat(vm.usedByText(ref, "vm_shared.py")).isEqualTo("vm_alpha, vm_zeta");
        assertThat(vm.usedByText(ref, "demo_udf.py")).isEqualTo("demo_upper, vm_alpha");
        assertThat(vm.usedByText(ref, "daily_report.sql")).isEqualTo("none");
        assertThat(vm.revisionProperty().get()).isEqualTo(1);
    }

    @Test
    void createUpdateAndDeleteGoToTheServerAndDeleteAsksFirst() throws Exception {
        odps().createResource("vm_crud.py", "py", "y = 2\n");
        FunctionsViewModel vm = vm();
        List<Function> seen = new ArrayList<>();
        vm.create(ref, Function.of("vm_crud", "vm_crud.C", List.of("vm_crud.py")), seen::add);
        assertThat(dialogs.errors).isEmpty();
        assertThat(seen).singleElement().satisfies(f -> assertThat(f.owner()).isNotBlank());
        vm.update(ref, seen.get(0).withClassType("vm_crud.D").withResources(List.of("vm_crud.py", "demo_udf.py")),
                seen::add);
        assertThat(odps().getFunction("vm_crud").classType()).isEqualTo("vm_crud.D");
        assertThat(odps().getFunction("vm_crud").resources()).containsExactly("vm_crud.py", "demo_udf.py");

        load(vm);
        vm.select(new FunctionsViewModel.Selection(ref, seen.get(1)));
        dialogs.confirmAnswer = false;
        vm.delete(ref, seen.get(1), () -> { });
        assertThat(odps().existFunction("vm_crud")).isTrue();
        dialogs.confirmAnswer = true;
        boolean[] done = {false};
        vm.delete(ref, seen.get(1), () -> done[0] = true);
        assertThat(done[0]).isTrue();
        assertThat(odps().existFunction("vm_crud")).isFalse();
        assertThat(odps().existResource("vm_crud.py")).isTrue();
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(dialogs.confirmations).allMatch(c -> c.startsWith("Delete function vm_crud?"));

        vm.create(ref, Function.of("vm_crud", "vm_crud.C", List.of("no_such_dir/x/y")), seen::add);
        assertThat(dialogs.errors).singleElement().asString().startsWith("Could not create function vm_crud");
    }

    @Test
    void deletingAResourceAFunctionUsesShowsTheUsedByWarningAndCancelKeepsIt() throws Exception {
        odps().createResource("vm_used.jar", "jar", "PK");
        odps().createFunction("vm_user", "com.example.User", List.of("vm_used.jar"));
        ResourceTreeViewModel tree = new ResourceTreeViewModel(sessions, new SameThreadUiExecutor(), dialogs);
        dialogs.confirmAnswer = false;
        tree.delete(ref, "vm_used.jar", () -> { });
        assertThat(odps().existResource("vm_used.jar")).isTrue();
        assertThat(dialogs.confirmations).singleElement().asString()
                .startsWith("vm_used.jar is used by 1 function: Used by functions: vm_user.");
        dialogs.confirmAnswer = true;
        tree.delete(ref, "vm_used.jar", () -> { });
        assertThat(odps().existResource("vm_used.jar")).isFalse();
        assertThat(odps().existFunction("vm_user")).as("the function is left as it is").isTrue();
    }

    @Test
    void aFailedFunctionListingIsNamedAndTheQuestionStillAsked() {
        FunctionUsage unknown = new FunctionUsage(Map.of(), "NoPermission: denied");
        dialogs.confirmAnswer = false;
        assertThat(unknown.confirm(dialogs, "a.py", "Overwrite", "")).isFalse();
        assertThat(dialogs.confirmations).singleElement().asString()
                .contains("Could not check which functions use a.py (NoPermission: denied)");
        assertThat(FunctionUsage.NONE.confirm(dialogs, "a.py", "Overwrite", "")).as("nothing to warn about").isTrue();
        assertThat(dialogs.confirmations).hasSize(1);
    }

    @Test
    void theDialogRefusesWhatCannotBeSent() {
        assertThat(FunctionDialog.problems("my_fn", "m.C", List.of("m.py"), true)).isEmpty();
        assertThat(FunctionDialog.problems("", "m.C", List.of("m.py"), true)).containsExactly("Enter a name.");
        assertThat(FunctionDialog.problems("1fn", "m.C", List.of("m.py"), true)).hasSize(1);
        assertThat(FunctionDialog.problems("a-b", "m.C", List.of("m.py"), true)).hasSize(1);
        assertThat(FunctionDialog.problems("anything goes", "m.C", List.of("m.py"), false))
                .as("an existing name is not re-checked").isEmpty();
        assertThat(FunctionDialog.problems("f", " ", List.of("m.py"), true)).hasSize(1);
        assertThat(FunctionDialog.problems("f", "m. C", List.of("m.py"), true)).hasSize(1);
        assertThat(FunctionDialog.problems("f", "m.C", List.of(), true)).hasSize(1);
    }
}
