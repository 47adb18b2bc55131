package org.odpsexplorer.app.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.FunctionUsage;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.Resource;

/**
 * From dropped files to running uploads: sizes and the project's current names are fetched in the background, the
 * {@link UploadDialog} confirms names and types, each clash is asked about ({@link ClashDialog}; an overwrite of a
 * resource that functions use is warned about with their names), then one transfer per file starts. Directories are skipped (the service has no folders).
 */
public final class UploadFlow {
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final TransferViewModel transfers;
    private final Supplier<@Nullable Window> owner;

    public UploadFlow(UiExecutor tasks, Dialogs dialogs, TransferViewModel transfers, Supplier<@Nullable Window> owner) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.transfers = transfers;
        this.owner = owner;
    }

    private record Prepared(Odps odps, List<UploadDialog.Candidate> files, Set<String> existing,
                            FunctionUsage usage) {
    }

    /** Starts the flow for {@code files}; {@code afterEach} runs after each successful upload (refresh the tree). */
    public void start(String project, Callable<Odps> client, List<Path> files, Runnable afterEach) {
        tasks.run(() -> {
            Odps odps = client.call();
            List<UploadDialog.Candidate> candidates = new ArrayList<>();
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    candidates.add(new UploadDialog.Candidate(f, Files.size(f)));
                }
            }
            Set<String> existing = new HashSet<>();
            for (Resource r : odps.listResources()) {
                existing.add(r.name());
            }
            // asked now, off the FX thread, so an overwrite of a resource that functions use can warn before it starts
            FunctionUsage usage = candidates.isEmpty() ? FunctionUsage.NONE : FunctionUsage.load(odps);
            return new Prepared(odps, candidates, existing, usage);
        }, prepared -> confirm(project, prepared, afterEach),
                error -> dialogs.showError("Could not prepare the upload to " + project, error));
    }

    private void confirm(String project, Prepared prepared, Runnable afterEach) {
        if (prepared.files().isEmpty()) {
            dialogs.showInfo("Nothing to upload", "Only regular files can be uploaded; folders are skipped.");
            return;
        }
        Optional<List<UploadItem>> items = UploadDialog.ask(owner.get(), project, prepared.files());
        if (items.isEmpty()) {
            return;
        }
        Set<String> taken = new HashSet<>(prepared.existing());
        List<UploadItem> batch = items.get();
        List<UploadItem> go = new ArrayList<>();
        ClashDialog.Answer remembered = null;
        long clashes = batch.stream().filter(i -> taken.contains(i.name())).count();
        for (UploadItem item : batch) {
            if (!taken.contains(item.name())) {
                taken.add(item.name());
                go.add(item);
                continue;
            }
            clashes--;
            String renamed = UploadRules.uniqueName(item.name(), taken);
            ClashDialog.Answer answer = remembered != null ? remembered
                    : ClashDialog.ask(owner.get(), item.name(), renamed, (int) clashes);
            if (answer.forAll()) {
                remembered = answer;
            }
            switch (answer.choice()) {
                case OVERWRITE -> {
                    if (prepared.usage().confirm(dialogs, item.name(), "Overwrite",
                            "Overwriting it changes what they run from their next call on.")) {
                        go.add(item.withOverwrite(true));
                    }
                }
                case RENAME -> {
                    taken.add(renamed);
                    go.add(item.withName(renamed));
                }
                case SKIP -> { }
            }
        }
        for (UploadItem item : go) {
            transfers.upload(prepared.odps(), item, afterEach);
        }
    }
}
