package org.odpsexplorer.app.history;

import java.util.Objects;

/** Which resource a version or a recovered buffer belongs to: connection profile id, project, resource name. */
public record HistoryRef(String connectionId, String project, String resource) {
    public HistoryRef {
        Objects.requireNonNull(connectionId, "connectionId == null");
        Objects.requireNonNull(project, "project == null");
        Objects.requireNonNull(resource, "resource == null");
    }

    public HistoryRef withResource(String name) {
        return new HistoryRef(connectionId, project, name);
    }

    @Override
    public String toString() {
        return project + "/" + resource;
    }
}
