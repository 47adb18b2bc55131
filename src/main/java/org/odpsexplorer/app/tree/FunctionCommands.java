package org.odpsexplorer.app.tree;

import java.util.function.Supplier;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.Function;

/**
 * New / Edit / Delete function as the tree's menus and double-click run them: the project's resource names are
 * listed in the background, the {@link FunctionDialog} asks, the view model sends, and the project's "Functions"
 * group reloads. FX thread.
 */
final class FunctionCommands {
    private final FunctionsViewModel vm;
    private final FunctionsBranch branch;
    private final Supplier<@Nullable Window> owner;

    FunctionCommands(FunctionsViewModel vm, FunctionsBranch branch, Supplier<@Nullable Window> owner) {
        this.vm = vm;
        this.branch = branch;
        this.owner = owner;
    }

    void create(ProjectRef ref) {
        vm.resourceNames(ref, names -> FunctionDialog.ask(owner.get(), ref.project(), null, names)
                .ifPresent(f -> vm.create(ref, f, created -> branch.load(ref))));
    }

    void edit(ProjectRef ref, Function function) {
        vm.resourceNames(ref, names -> FunctionDialog.ask(owner.get(), ref.project(), function, names)
                .ifPresent(f -> vm.update(ref, f, updated -> branch.load(ref))));
    }

    void delete(ProjectRef ref, Function function) {
        vm.delete(ref, function, () -> branch.load(ref));
    }
}
