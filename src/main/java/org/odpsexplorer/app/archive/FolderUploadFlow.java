package org.odpsexplorer.app.archive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.transfer.Transfer;
import org.odpsexplorer.app.transfer.TransferViewModel;
import org.odpsexplorer.sdk.Odps;

/**
 * From dropped folders to archive uploads: each folder is walked in the background ({@link FolderPacker#plan}), the
 * {@link FolderUploadDialog} asks for format and name, an existing name is only replaced after a confirmation, and
 * the packing upload runs as a row of the transfers panel (progress, cancel, retry).
 */
public final class FolderUploadFlow {
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final TransferViewModel transfers;
    private final Supplier<@Nullable Window> owner;

    public FolderUploadFlow(UiExecutor tasks, Dialogs dialogs, TransferViewModel transfers,
                            Supplier<@Nullable Window> owner) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.transfers = transfers;
        this.owner = owner;
    }

    private record Prepared(Odps odps, List<FolderPacker.Plan> plans) {
    }

    /** Starts the flow; {@code afterEach} runs after each successful upload (refresh the tree). */
    public void start(String project, Callable<Odps> client, List<Path> folders, Runnable afterEach) {
        tasks.run(() -> {
            Odps odps = client.call();
            List<FolderPacker.Plan> plans = new ArrayList<>();
            for (Path f : folders) {
                plans.add(FolderPacker.plan(f));
            }
            return new Prepared(odps, plans);
        }, prepared -> prepared.plans().forEach(plan -> ask(project, prepared.odps(), plan, afterEach)),
                error -> dialogs.showError("Could not read the dropped folder", error));
    }

    private void ask(String project, Odps odps, FolderPacker.Plan plan, Runnable afterEach) {
        Optional<FolderUploadDialog.Choice> choice = FolderUploadDialog.ask(owner.get(), project, plan);
        if (choice.isEmpty()) {
            return;
        }
        String name = choice.get().name();
        tasks.run(() -> odps.existResource(name), exists -> {
            if (exists && !dialogs.confirm("Replace " + name + "?", name + " already exists in " + project
                    + ". Replace it with the packed folder?", "Replace")) {
                return;
            }
            start(odps, plan, choice.get(), exists, project, afterEach);
        }, error -> dialogs.showError("Could not check the name " + name, error));
    }

    private void start(Odps odps, FolderPacker.Plan plan, FolderUploadDialog.Choice choice, boolean overwrite,
                       String project, Runnable afterEach) {
        long files = plan.items().stream().filter(i -> !i.directory()).count();
        transfers.run(Transfer.Direction.UPLOAD, choice.name(), project, (progress, cancel) -> {
            long size = FolderUpload.upload(odps, plan, choice.format(), choice.name(), overwrite, progress, cancel);
            return "Packed " + files + " files, uploaded " + Sizes.text(size);
        }, afterEach);
    }
}
