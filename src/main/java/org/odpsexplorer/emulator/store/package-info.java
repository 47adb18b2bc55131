/**
 * Durable emulator storage: metadata in SQLite ({@link org.odpsexplorer.emulator.store.Database}), resource bytes in
 * immutable content files ({@link org.odpsexplorer.emulator.store.ContentFiles}). Knows nothing about HTTP.
 */
@NullMarked
package org.odpsexplorer.emulator.store;

import org.jspecify.annotations.NullMarked;
