package org.odpsexplorer.emulator.store;

/** How a write treats an existing resource of the same name. */
public enum WriteMode {
    /** POST: fails with {@code ALREADY_EXISTS} when the name is taken. */
    CREATE,
    /** PUT: fails with {@code NOT_FOUND} when the name is free; keeps owner and creation time. */
    REPLACE,
    /** Part upload: creates or silently overwrites. */
    UPSERT
}
