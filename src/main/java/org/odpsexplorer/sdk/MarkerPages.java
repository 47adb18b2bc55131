package org.odpsexplorer.sdk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Lazy paging over a listing that continues with {@code marker} ({@code expectmarker=true}): one page is fetched
 * when the last is used up; a missing or empty marker ends the listing. Items whose name does not start with the
 * prefix are dropped, because whether the service's name filter means "prefix" or "contains" is not confirmed
 * (protocol/rest.md §7.2).
 *
 * @param <I> what a page holds
 * @param <T> what the caller iterates
 */
final class MarkerPages<I, T> implements Iterator<T> {
    /** One page of a listing: its items and the marker of the next page (null or empty at the end). */
    record Page<I>(List<I> items, @Nullable String marker) {
    }

    /** Fetches the page after {@code marker} (null: the first page). */
    interface Fetch<I> {
        Page<I> page(@Nullable String marker);
    }

    private final Fetch<I> fetch;
    private final @Nullable String prefix;
    private final Function<I, String> name;
    private final Function<I, T> item;
    private final Deque<I> page = new ArrayDeque<>();
    private @Nullable String marker;
    private boolean started;

    MarkerPages(Fetch<I> fetch, @Nullable String prefix, Function<I, String> name,
                Function<I, T> item) {
        this.fetch = fetch;
        this.prefix = prefix;
        this.name = name;
        this.item = item;
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty()) {
            if (started && (marker == null || marker.isEmpty())) {
                return false;
            }
            Page<I> next = fetch.page(marker);
            started = true;
            marker = next.marker();
            for (I i : next.items()) {
                if (prefix == null || name.apply(i).startsWith(prefix)) {
                    page.add(i);
                }
            }
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return item.apply(page.removeFirst());
    }
}
