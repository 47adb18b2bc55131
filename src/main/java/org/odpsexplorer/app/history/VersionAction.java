package org.odpsexplorer.app.history;

/** What produced a version in the journal. */
public enum VersionAction {
    /** The server copy a save from the app replaced, recorded just before the upload. */
    SERVER("on the server"),
    SAVE("save"),
    SAVE_AS("save as"),
    TRUNCATE("truncate"),
    UPLOAD_OVERWRITE("upload overwrite"),
    COMMENT("comment change"),
    RESTORE("restore");

    private final String label;

    VersionAction(String label) {
        this.label = label;
    }

    /** Words for the History panel. */
    public String label() {
        return label;
    }

    static VersionAction parse(String name) {
        for (VersionAction a : values()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action " + name);
    }
}
