package org.odpsexplorer.app.tree;

import org.odpsexplorer.app.connection.ConnectionProfile;

/** A project under a connection: where resources are listed, opened, uploaded. */
public record ProjectRef(ConnectionProfile profile, String project) {
    /** Key for caches and remembered tabs. */
    public String key() {
        return profile.id() + "/" + project;
    }
}
