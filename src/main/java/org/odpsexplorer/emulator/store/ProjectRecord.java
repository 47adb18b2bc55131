package org.odpsexplorer.emulator.store;

import java.time.Instant;
import java.util.Objects;

/** A project the emulator serves. */
public record ProjectRecord(String name, String owner, String comment, Instant created) {
    public ProjectRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(created, "created");
    }
}
