package org.odpsexplorer.app.grid;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Random access to a fixed snapshot of a partition's records (a tunnel download session). Blocking; safe to call
 * from one worker at a time. The owner closes it.
 */
public interface RecordPager extends AutoCloseable {
    /** Records in the snapshot. */
    long count();

    /** Records {@code [start, start + count)} (fewer at the end), each a list of typed values in column order. */
    List<List<@Nullable Object>> read(long start, int count);

    @Override
    void close();
}
