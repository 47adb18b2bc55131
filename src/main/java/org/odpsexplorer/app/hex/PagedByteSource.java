package org.odpsexplorer.app.hex;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fetches a slow source in fixed pages and keeps the most recently used ones, so scrolling a 2 GB resource only
 * fetches what becomes visible. Thread-safe (one lock; a page fetch happens under it, so two workers never fetch
 * the same page twice).
 */
public final class PagedByteSource implements ByteSource {
    private final ByteSource delegate;
    private final int pageSize;
    private final int readAhead;
    private final Map<Long, byte[]> pages;
    private long fetches;

    public PagedByteSource(ByteSource delegate, int pageSize, int maxPages) {
        this(delegate, pageSize, maxPages, 1);
    }

    /**
     * @param readAhead pages fetched together on a miss (the missing one and those after it that are not cached),
     *                  in one read of the delegate; at most {@code maxPages}
     */
    public PagedByteSource(ByteSource delegate, int pageSize, int maxPages, int readAhead) {
        if (pageSize <= 0 || maxPages <= 0 || readAhead <= 0 || readAhead > maxPages) {
            throw new IllegalArgumentException("pageSize, maxPages and readAhead must be positive, readAhead <= maxPages");
        }
        this.delegate = delegate;
        this.pageSize = pageSize;
        this.readAhead = readAhead;
        this.pages = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > maxPages;
            }
        };
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public synchronized int read(long offset, byte[] buf, int off, int len) throws IOException {
        long size = size();
        int total = 0;
        while (total < len && offset + total < size) {
            long pos = offset + total;
            long pageIndex = pos / pageSize;
            byte[] page = page(pageIndex);
            int inPage = (int) (pos - pageIndex * pageSize);
            int n = Math.min(len - total, page.length - inPage);
            if (n <= 0) {
                break;
            }
            System.arraycopy(page, inPage, buf, off + total, n);
            total += n;
        }
        return total;
    }

    /** How many pages were fetched from the delegate so far (for tests and the status bar). */
    public synchronized long fetchCount() {
        return fetches;
    }

    private byte[] page(long index) throws IOException {
        byte[] cached = pages.get(index);
        if (cached != null) {
            return cached;
        }
        long start = index * pageSize;
        long lastPage = (size() - 1) / pageSize;
        int count = 1;
        while (count < readAhead && index + count <= lastPage && !pages.containsKey(index + count)) {
            count++;
        }
        int length = (int) Math.min((long) pageSize * count, size() - start);
        byte[] run = new byte[length];
        int filled = 0;
        while (filled < length) {
            int n = delegate.read(start + filled, run, filled, length - filled);
            if (n <= 0) {
                throw new IOException("source ended at " + (start + filled) + " before its size " + size());
            }
            filled += n;
        }
        fetches++;
        byte[] first = null;
        for (int i = 0; i < count; i++) {
            int from = i * pageSize;
            byte[] page = Arrays.copyOfRange(run, from, Math.min(length, from + pageSize));
            pages.put(index + i, page);
            if (i == 0) {
                first = page;
            }
        }
        // the requested page last: it must not be the eldest one evicted by the read-ahead pages
        pages.get(index);
        return Objects.requireNonNull(first, "count >= 1");
    }
}
