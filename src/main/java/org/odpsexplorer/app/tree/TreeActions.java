package org.odpsexplorer.app.tree;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.editor.OpenMode;
import org.odpsexplorer.sdk.ResourceInfo;

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
}
