package org.odpsexplorer.sdk.model;

import org.jspecify.annotations.Nullable;

/**
 * Safe save refused: since the handle was opened (or last flushed), someone else created, changed or deleted the
 * resource on the server. Nothing was uploaded. Carries both versions' metadata so a UI can show them;
 * {@code ResourceFile.flush(true)} overwrites anyway.
 */
public class ResourceConflictException extends OdpsException {
    private static final long serialVersionUID = 1L;

    private final transient @Nullable ResourceInfo expected;
    private final transient @Nullable ResourceInfo actual;

    /**
     * @param expected what the handle last saw (null: it did not exist)
     * @param actual   what the server has now (null: it no longer exists)
     */
    public ResourceConflictException(String name, @Nullable ResourceInfo expected, @Nullable ResourceInfo actual,
                                     String call) {
        super(0, "ResourceConflict", "resource '" + name + "' changed on the server since it was opened: expected "
                + summary(expected) + ", found " + summary(actual), null, call);
        this.expected = expected;
        this.actual = actual;
    }

    private static String summary(@Nullable ResourceInfo info) {
        if (info == null) {
            return "no resource";
        }
        return "size " + info.size() + ", modified " + info.lastModifiedTime() + ", md5 " + info.md5();
    }

    /** The metadata the handle was based on, or null if the resource did not exist then. */
    public @Nullable ResourceInfo expected() {
        return expected;
    }

    /** The metadata now on the server, or null if the resource was deleted. */
    public @Nullable ResourceInfo actual() {
        return actual;
    }
}
