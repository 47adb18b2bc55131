package org.odpsexplorer.app.history;

import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.hex.ByteSource;
import org.odpsexplorer.app.hex.FileByteSource;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceInfo;

/**
 * The seam between a save and the version journal, bound to one connection and project. A save calls
 * {@link #beforeSave} right before its upload and {@link #afterSave} right after it succeeded, on the worker that
 * saves. Neither ever throws: history is a bonus, never a reason to lose a save, so a journal that is full,
 * read-only or corrupt gives back a warning for the status line instead.
 */
public interface SaveRecorder {
    /** Records nothing. */
    SaveRecorder NONE = new SaveRecorder() {
        @Override
        public @Nullable String beforeSave(String resource, @Nullable ResourceInfo replaced,
                                           @Nullable ByteSource replacedContent) {
            return null;
        }

        @Override
        public @Nullable String afterSave(String resource, @Nullable ResourceInfo saved, ByteSource content,
                                          VersionAction action) {
            return null;
        }
    };

    /**
     * Records the server version about to be replaced, unless the journal's newest version of the resource is it
     * already.
     *
     * @param replaced        its metadata, null when the save creates the resource
     * @param replacedContent its bytes when the caller has them locally (read only if they must be kept), else null:
     *                        then only the metadata is recorded
     * @return a warning for the user when the journal could not record it, else null
     */
    @Nullable String beforeSave(String resource, @Nullable ResourceInfo replaced, @Nullable ByteSource replacedContent);

    /**
     * Records the version a save just wrote.
     *
     * @param saved   the server's metadata after the save (MD5, author), null when unknown
     * @param content exactly the bytes written
     * @return a warning for the user when the journal could not record it, else null
     */
    @Nullable String afterSave(String resource, @Nullable ResourceInfo saved, ByteSource content, VersionAction action);

    /**
     * For saves that never read the copy they replace: downloads it to a temp file when the journal should keep it,
     * else null. The caller closes the result (which deletes the file). Blocking; never throws.
     */
    default @Nullable FileByteSource copyOfServerVersion(Odps odps,
                                                                                 @Nullable ResourceInfo replaced) {
        return null;
    }
}
