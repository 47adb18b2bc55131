package org.odpsexplorer.emulator.rest;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.http.ApiException;
import org.odpsexplorer.emulator.http.Exchange;
import org.odpsexplorer.emulator.http.ListPaging;
import org.odpsexplorer.emulator.store.ProjectRecord;
import org.odpsexplorer.emulator.store.ProjectStore;
import org.odpsexplorer.emulator.store.StoreException;

/**
 * Request checks shared by the REST routes: project lookup, schema, names (paging is {@link ListPaging}). Stateless
 * apart from the store.
 */
public final class RestSupport {
    /** Longest name accepted, in UTF-8 bytes: 128 per the docs plus room for part suffixes and a schema prefix. */
    static final int MAX_NAME_BYTES = 256;

    private final ProjectStore projects;

    public RestSupport(ProjectStore projects) {
        this.projects = projects;
    }

    /** The project named by the {@code project} path parameter, or 404 {@code NoSuchObject}. */
    public ProjectRecord project(Exchange ex) {
        String name = ex.param("project");
        return projects.find(name).orElseThrow(() -> ApiException.notFound(
                "ODPS-0420111:Project not found - '" + name + "'"));
    }

    /** {@code curr_schema}, or {@code default}. */
    static String schema(Exchange ex) {
        String s = ex.query("curr_schema");
        return s == null || s.isBlank() ? "default" : s;
    }

    /**
     * Validates an object name ({@code protocol/rest.md} §7.11): not empty, no {@code /}, no control characters, no leading or
     * trailing blanks, at most {@link #MAX_NAME_BYTES} UTF-8 bytes. Other characters are accepted.
     */
    static String validName(String what, @Nullable String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.invalid("ODPS-0420111:Invalid " + what + " name - empty");
        }
        if (name.indexOf('/') >= 0) {
            throw ApiException.invalid("ODPS-0420111:Invalid " + what + " name - contains '/': " + name);
        }
        if (!name.strip().equals(name)) {
            throw ApiException.invalid("ODPS-0420111:Invalid " + what + " name - leading or trailing blank");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw ApiException.invalid("ODPS-0420111:Invalid " + what + " name - control character");
            }
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw ApiException.invalid("ODPS-0420111:Invalid " + what + " name - longer than " + MAX_NAME_BYTES
                    + " bytes");
        }
        return name;
    }

    /** Longest resource name, in UTF-8 bytes ({@code protocol/rest.md} §7.11: at most 128). */
    static final int MAX_RESOURCE_NAME_BYTES = 128;
    /** Room a chunked upload's part name adds to the resource name: {@code .part.tmp.RRRRRR.NNNNNN} and more. */
    static final int PART_SUFFIX_BYTES = 32;

    /**
     * Validates a resource name as the service does ({@code protocol/rest.md} §7.11): the rules of {@link #validName}, at most
     * {@link #MAX_RESOURCE_NAME_BYTES} UTF-8 bytes (part names of a chunked upload get {@link #PART_SUFFIX_BYTES} more
     * for their suffix), and not {@code .} or {@code ..} (which a path would read as a directory). 400
     * {@code InvalidParameter} with a message naming the rule otherwise.
     */
    static String validResourceName(@Nullable String name, boolean part) {
        String what = part ? "part" : "resource";
        name = validName(what, name);
        if (name.equals(".") || name.equals("..")) {
            throw ApiException.invalid("ODPS-0420111:Invalid " + what + " name - '" + name
                    + "' is not a name (it means a directory)");
        }
        int max = MAX_RESOURCE_NAME_BYTES + (part ? PART_SUFFIX_BYTES : 0);
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > max) {
            throw ApiException.invalid("ODPS-0420111:Invalid " + what + " name - " + bytes + " bytes, at most " + max
                    + " UTF-8 bytes are allowed");
        }
        return name;
    }

    /** Whether a flag parameter is set: present with no value, or any value other than {@code false}. */
    static boolean flag(Exchange ex, String name) {
        String v = ex.query(name);
        return v != null && !v.equalsIgnoreCase("false");
    }

    /** Maps storage failures to API errors; null for exceptions that are not storage failures. */
    public static @Nullable ApiException translate(RuntimeException e) {
        if (!(e instanceof StoreException se)) {
            return null;
        }
        return switch (se.kind()) {
            case NOT_FOUND -> ApiException.notFound(se.getMessage());
            case ALREADY_EXISTS -> new ApiException(409, "ObjectAlreadyExists", se.getMessage());
            case INVALID -> ApiException.invalid(se.getMessage());
            case CONFLICT -> new ApiException(409, "ObjectStateConflict", se.getMessage());
            case FAILURE -> new ApiException(500, "InternalServerError", "ODPS-0010000:System internal error - "
                    + se.getMessage());
        };
    }
}
