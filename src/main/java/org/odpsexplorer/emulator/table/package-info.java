/**
 * Tables, partitions and their rows: metadata in the shared SQLite database, rows as validated record slices in
 * append-only segment files with a per-row index, so ranged reads copy bytes without decoding ({@code docs/tunnel.md}).
 */
@NullMarked
package org.odpsexplorer.emulator.table;

import org.jspecify.annotations.NullMarked;
