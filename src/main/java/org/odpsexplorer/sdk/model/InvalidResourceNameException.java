package org.odpsexplorer.sdk.model;

/**
 * A resource name (or name/type combination) the service would reject, detected before any request was sent
 * ({@code protocol/rest.md} §7.11): only letters, digits, {@code _ . -}; at most {@link ResourceNames#MAX_NAME_BYTES} bytes;
 * types {@code py}, {@code jar} and {@code archive} need the matching extension.
 */
public class InvalidResourceNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String name;

    public InvalidResourceNameException(String name, String reason) {
        super("invalid resource name '" + name + "': " + reason);
        this.name = name;
    }

    /** The rejected name. */
    public String name() {
        return name;
    }
}
