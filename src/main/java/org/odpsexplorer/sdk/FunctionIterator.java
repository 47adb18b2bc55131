package org.odpsexplorer.sdk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.FunctionApi;

/** Lazy paging over {@code GET registration/functions?expectmarker=true[&marker=..]}; a page per exhausted page. */
final class FunctionIterator implements Iterator<Function> {
    private final FunctionApi api;
    private final @Nullable String prefix;
    private final @Nullable String owner;
    private final Deque<Function> page = new ArrayDeque<>();
    private @Nullable String marker;
    private boolean started;

    FunctionIterator(FunctionApi api, @Nullable String prefix, @Nullable String owner) {
        this.api = api;
        this.prefix = prefix;
        this.owner = owner;
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty()) {
            if (started && marker == null) {
                return false;
            }
            FunctionApi.Page next = api.listPage(prefix, owner, marker);
            started = true;
            marker = next.marker();
            for (Function f : next.items()) {
                // as for resources, the name filter's semantics on the service are not confirmed: re-check the prefix
                if (prefix == null || f.name().startsWith(prefix)) {
                    page.add(f);
                }
            }
        }
        return true;
    }

    @Override
    public Function next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.removeFirst();
    }
}
