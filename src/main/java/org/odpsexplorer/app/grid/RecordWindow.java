package org.odpsexplorer.app.grid;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bounded window of records the grid holds: consecutive whole pages starting at {@link #start()}, at most
 * {@code maxPages} of them. Moving far replaces the window; scrolling past an edge appends or prepends one page and
 * drops the page at the other end, so memory stays at {@code maxPages * pageSize} rows whatever the partition's size.
 * Pure logic, not thread-safe (the view model owns it on the FX thread).
 */
public final class RecordWindow {
    /** One record and its 0-based row index in the partition. */
    public record Row(long index, List<@Nullable Object> values) {
    }

    private final int maxPages;
    private int pageSize;
    private long start;
    private final List<Row> rows = new ArrayList<>();

    public RecordWindow(int pageSize, int maxPages) {
        if (pageSize < 1 || maxPages < 1) {
            throw new IllegalArgumentException("pageSize and maxPages must be positive");
        }
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    public int pageSize() {
        return pageSize;
    }

    /** Changes the page size and empties the window. */
    public void setPageSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        pageSize = value;
        clear();
    }

    /** Index of the first row of the page holding row {@code index}. */
    public long pageStart(long index) {
        return Math.max(0, index) / pageSize * pageSize;
    }

    public long start() {
        return start;
    }

    /** One past the last held row. */
    public long end() {
        return start + rows.size();
    }

    public List<Row> rows() {
        return rows;
    }

    public void clear() {
        rows.clear();
        start = 0;
    }

    /** Replaces the window with one page read at {@code pageStart}. */
    public void replace(long pageStart, List<List<@Nullable Object>> page) {
        rows.clear();
        start = pageStart;
        for (int i = 0; i < page.size(); i++) {
            rows.add(new Row(pageStart + i, page.get(i)));
        }
    }

    /**
     * Appends the page read at {@link #end()}; returns how many rows were dropped at the front to stay within
     * {@code maxPages}.
     */
    public int append(List<List<@Nullable Object>> page) {
        long at = end();
        for (int i = 0; i < page.size(); i++) {
            rows.add(new Row(at + i, page.get(i)));
        }
        int dropped = 0;
        while (rows.size() > maxPages * pageSize) {
            int n = Math.min(pageSize, rows.size() - maxPages * pageSize);
            rows.subList(0, n).clear();
            start += n;
            dropped += n;
        }
        return dropped;
    }

    /**
     * Prepends the page that ends at {@link #start()} (read at {@code start - pageSize}); returns how many rows were
     * dropped at the back.
     */
    public int prepend(List<List<@Nullable Object>> page) {
        long at = start - page.size();
        List<Row> head = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            head.add(new Row(at + i, page.get(i)));
        }
        rows.addAll(0, head);
        start = at;
        int limit = maxPages * pageSize;
        int dropped = Math.max(0, rows.size() - limit);
        if (dropped > 0) {
            rows.subList(limit, rows.size()).clear();
        }
        return dropped;
    }
}
