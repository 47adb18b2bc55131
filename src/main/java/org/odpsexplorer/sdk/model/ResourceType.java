package org.odpsexplorer.sdk.model;

import java.util.Locale;

/** Resource kinds ({@code protocol/rest.md} §7.1) with their lowercase wire spellings. */
public enum ResourceType {
    FILE("file", true),
    PY("py", true),
    JAR("jar", true),
    ARCHIVE("archive", true),
    TABLE("table", false),
    VOLUMEFILE("volumefile", false),
    VOLUMEARCHIVE("volumearchive", false),
    /** A type this SDK does not know; the resource is listed but cannot be opened. */
    UNKNOWN("unknown", false);

    private final String wireName;
    private final boolean hasContent;

    ResourceType(String wireName, boolean hasContent) {
        this.wireName = wireName;
        this.hasContent = hasContent;
    }

    /** The spelling on the wire, e.g. {@code py}. */
    public String wireName() {
        return wireName;
    }

    /** True for the file kinds whose bytes can be read and written ({@code file}, {@code py}, {@code jar}, {@code archive}). */
    public boolean hasContent() {
        return hasContent;
    }

    /** Maps a wire or user spelling (any case; {@code volume_file} too) to a type; unknown text gives {@link #UNKNOWN}. */
    public static ResourceType fromWire(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        for (ResourceType type : values()) {
            if (type.wireName.equals(t)) {
                return type;
            }
        }
        return UNKNOWN;
    }

    /**
     * Parses a type a caller asked for.
     *
     * @throws IllegalArgumentException for an unknown type
     */
    public static ResourceType parse(String text) {
        ResourceType type = fromWire(text);
        if (type == UNKNOWN) {
            throw new IllegalArgumentException("unknown resource type '" + text
                    + "'; expected file, py, jar, archive, table, volumefile or volumearchive");
        }
        return type;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
