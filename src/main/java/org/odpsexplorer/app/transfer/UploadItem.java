package org.odpsexplorer.app.transfer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file of an upload batch, as the user confirmed it.
 *
 * @param file      the local file
 * @param size      its size in bytes
 * @param name      resource name
 * @param type      wire type: file, py, jar, archive
 * @param comment   comment, empty for none
 * @param overwrite true to replace an existing resource of that name
 */
public record UploadItem(Path file, long size, String name, String type, String comment, boolean overwrite) {
    public UploadItem {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(type, "type == null");
        comment = comment == null ? "" : comment;
    }

    public UploadItem withName(String newName) {
        return new UploadItem(file, size, newName, type, comment, overwrite);
    }

    public UploadItem withOverwrite(boolean value) {
        return new UploadItem(file, size, name, type, comment, value);
    }
}
