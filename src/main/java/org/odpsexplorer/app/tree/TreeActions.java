package org.odpsexplorer.app.tree;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.editor.OpenMode;
import org.odpsexplorer.sdk.model.ResourceInfo;

/** What the tree asks the rest of the window to do. Called on the FX thread. */
public interface TreeActions {
    /** Opens a resource in a tab; {@code mode} null means the default for its type. */
    void open(ProjectRef ref, ResourceInfo info, @Nullable OpenMode mode, boolean hex);

    /** Downloads to a file the user chooses. */
    void download(ProjectRef ref, ResourceInfo info);

    /** Uploads local files into the project (after the upload dialog). */
    void upload(ProjectRef ref, List<Path> files);

    /**
     * A local file with the resource's content for a drag to the desktop; may still be downloading (small
     * resources are fetched ahead on selection). Null when none can be offered.
     */
    @Nullable File dragOut(ProjectRef ref, ResourceInfo info);

    /** Opens the archive view of a resource whose bytes are a zip or tar (whatever its type and name). */
    default void openArchive(ProjectRef ref, ResourceInfo info) {
    }

    /** Offers to upload dropped folders, each packed into an archive. */
    default void uploadFolders(ProjectRef ref, List<Path> folders) {
    }

    /** Opens the History panel of a resource (local versions of it). */
    default void history(ProjectRef ref, ResourceInfo info) {
    }

    /**
     * Opens the window's "New table resource" dialog (table list and partition picker); false when the window has
     * none, and the tree then asks with its own simple form.
     */
    default boolean newTableResource(ProjectRef ref) {
        return false;
    }
}
