package org.odpsexplorer.sdk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.ResourceApi;

/** Lazy paging over {@code GET resources?expectmarker=true[&marker=..]}; one page fetched when the last is used up. */
final class ResourceIterator implements Iterator<Resource> {
    private final ResourceApi api;
    private final Odps odps;
    private final @Nullable String prefix;
    private final Deque<ResourceInfo> page = new ArrayDeque<>();
    private @Nullable String marker;
    private boolean started;

    ResourceIterator(ResourceApi api, Odps odps, @Nullable String prefix) {
        this.api = api;
        this.odps = odps;
        this.prefix = prefix;
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty()) {
            if (started && (marker == null || marker.isEmpty())) {
                return false;
            }
            ResourceApi.Page next = api.listPage(prefix, marker);
            started = true;
            marker = next.marker();
            for (ResourceInfo info : next.items()) {
                // the service's name filter is prefix or contains depending on whom you ask (rest.md §7.2)
                if (prefix == null || info.name().startsWith(prefix)) {
                    page.add(info);
                }
            }
        }
        return true;
    }

    @Override
    public Resource next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return Resource.of(odps, api, page.removeFirst());
    }
}
