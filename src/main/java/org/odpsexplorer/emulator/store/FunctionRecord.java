package org.odpsexplorer.emulator.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A registered function.
 *
 * @param resources the resource names the function uses, as the client sent them (typically
 *                  {@code <project>/resources/<name>}), in order
 */
public record FunctionRecord(String project, String schema, String name, String classType, List<String> resources,
                             String owner, Instant created, Instant modified) {
    public FunctionRecord {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(classType, "classType");
        resources = List.copyOf(resources);
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
    }
}
