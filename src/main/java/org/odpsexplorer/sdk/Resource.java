package org.odpsexplorer.sdk;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.ResourceApi;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.odpsexplorer.wire.TableSource;

/**
 * One resource of a project, as PyODPS's {@code Resource}: a name plus the metadata last read from the server
 * ({@link #info()}), refreshed by {@link #reload()}. File kinds ({@code file py jar archive}) can be {@link #open opened};
 * table resources are {@link TableResource}s.
 *
 * <p>The metadata snapshot is replaced atomically by {@link #reload()}, so getters are safe from any thread; the
 * network methods run on the calling thread and throw {@link OdpsException}.
 */
public class Resource {
    private final Odps odps;
    final ResourceApi api;
    private volatile ResourceInfo info;

    Resource(Odps odps, ResourceApi api, ResourceInfo info) {
        this.odps = odps;
        this.api = api;
        this.info = info;
    }

    static Resource of(Odps odps, ResourceApi api, ResourceInfo info) {
        return info.type() == ResourceType.TABLE ? new TableResource(odps, api, info) : new Resource(odps, api, info);
    }

    /** The client this resource belongs to. */
    public Odps odps() {
        return odps;
    }

    /** The last metadata snapshot (from the listing, create, get or {@link #reload()}). */
    public ResourceInfo info() {
        return info;
    }

    public String name() {
        return info.name();
    }

    public ResourceType type() {
        return info.type();
    }

    public @Nullable String comment() {
        return info.comment();
    }

    public @Nullable String owner() {
        return info.owner();
    }

    public @Nullable String lastUpdator() {
        return info.lastUpdator();
    }

    /** Content size in bytes, -1 when not reported (table kinds). */
    public long size() {
        return info.size();
    }

    public @Nullable Instant creationTime() {
        return info.creationTime();
    }

    public @Nullable Instant lastModifiedTime() {
        return info.lastModifiedTime();
    }

    /** Lowercase hex MD5 of the content when the server reported it (meta, not listings). */
    public @Nullable String md5() {
        return info.md5();
    }

    public boolean isTemp() {
        return info.temp();
    }

    /** The table pointer of a table resource, else null. */
    public @Nullable TableSource tableSource() {
        return info.tableSource();
    }

    /**
     * Re-reads the metadata from the server (one meta GET) and returns this object.
     *
     * @throws NoSuchObjectException if the resource no longer exists
     */
    public Resource reload() {
        setInfo(api.meta(name()));
        return this;
    }

    void setInfo(ResourceInfo fresh) {
        this.info = Objects.requireNonNull(fresh);
    }

    /** Deletes this resource on the server (PyODPS {@code drop()}). */
    public void drop() {
        api.delete(name());
    }

    /** Opens the content read-only as text ({@code r}, PyODPS's default for {@code resource.open()}). */
    public ResourceFile open() {
        return open("r");
    }

    /** Opens the content with a mode ({@code r}, {@code r+b}, ...); see {@link ResourceFile}. */
    public ResourceFile open(String mode) {
        return open(mode, ResourceOptions.defaults());
    }

    /**
     * Opens the content with a mode and options; same as {@link Odps#openResource(String, String, ResourceOptions)}.
     *
     * @throws UnsupportedOperationException for kinds without content (table, volume)
     */
    public ResourceFile open(String mode, ResourceOptions options) {
        if (!type().hasContent()) {
            throw new UnsupportedOperationException("a " + type() + " resource has no content to open: " + name());
        }
        return odps.openResource(name(), mode, options.withType(type()));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + ", " + type() + ", size " + size() + "]";
    }
}
