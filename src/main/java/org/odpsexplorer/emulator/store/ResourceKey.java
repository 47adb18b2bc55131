package org.odpsexplorer.emulator.store;

import java.util.Objects;

/** Identifies a resource: project, schema ({@code default} when the client names none) and name. */
public record ResourceKey(String project, String schema, String name) {
    public ResourceKey {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public ResourceKey withName(String other) {
        return new ResourceKey(project, schema, other);
    }
}
