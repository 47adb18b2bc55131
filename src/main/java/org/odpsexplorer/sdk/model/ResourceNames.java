package org.odpsexplorer.sdk.model;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Client-side checks of resource names, done before any request ({@code protocol/rest.md} §7.11, odpscmd's
 * {@code AddResourceCommand}): letters, digits, {@code _ . -}; at most {@link #MAX_NAME_BYTES} bytes, which keeps the
 * 23 bytes of head-room for part names {@code <name>.part.tmp.RRRRRR.NNNNNN} inside the service's 128; types
 * {@code py}, {@code jar}, {@code archive} need the matching extension.
 */
public final class ResourceNames {
    /** The service's limit for a resource name. */
    public static final int SERVICE_MAX_NAME_BYTES = 128;
    /** Our limit: the service's minus the part-name suffix {@code .part.tmp.RRRRRR.NNNNNN} (23 bytes). */
    public static final int MAX_NAME_BYTES = SERVICE_MAX_NAME_BYTES - 23;
    private static final String[] ARCHIVE_SUFFIXES = {".zip", ".tgz", ".tar.gz", ".tar", ".jar"};

    private ResourceNames() {
    }

    /**
     * Checks a name for any use (read, delete, open an existing resource): allowed characters and at most
     * {@link #SERVICE_MAX_NAME_BYTES} bytes.
     *
     * @throws InvalidResourceNameException with the reason
     */
    public static void check(String name) {
        checkCharacters(name);
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > SERVICE_MAX_NAME_BYTES) {
            throw new InvalidResourceNameException(name, bytes + " bytes, at most " + SERVICE_MAX_NAME_BYTES
                    + " allowed");
        }
    }

    private static void checkCharacters(String name) {
        if (name.isEmpty()) {
            throw new InvalidResourceNameException(name, "empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == '-';
            if (!ok) {
                throw new InvalidResourceNameException(name, "character '" + printable(c) + "' at index " + i
                        + " is not allowed (only letters, digits, '_', '.', '-')");
            }
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidResourceNameException(name, "not a file name");
        }
    }

    /**
     * Checks a name for creating a resource of {@code type}: allowed characters, at most {@link #MAX_NAME_BYTES}
     * bytes (room for part names), and the extension rule of py/jar/archive.
     *
     * @throws InvalidResourceNameException with the reason
     */
    public static void checkForCreate(String name, ResourceType type) {
        checkCharacters(name);
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new InvalidResourceNameException(name, bytes + " bytes, at most " + MAX_NAME_BYTES
                    + " allowed for new resources (128 minus room for part names)");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        switch (type) {
            case PY -> {
                if (!lower.endsWith(".py")) {
                    throw new InvalidResourceNameException(name, "a py resource's name must end with .py");
                }
            }
            case JAR -> {
                if (!lower.endsWith(".jar")) {
                    throw new InvalidResourceNameException(name, "a jar resource's name must end with .jar");
                }
            }
            case ARCHIVE -> {
                for (String suffix : ARCHIVE_SUFFIXES) {
                    if (lower.endsWith(suffix)) {
                        return;
                    }
                }
                throw new InvalidResourceNameException(name,
                        "an archive resource's name must end with .zip, .tgz, .tar.gz, .tar or .jar");
            }
            default -> {
                // file and table resources take any valid name
            }
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
