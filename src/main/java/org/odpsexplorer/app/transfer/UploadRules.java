package org.odpsexplorer.app.transfer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.odpsexplorer.wire.OdpsHeaders;

/**
 * Pre-flight rules for uploads, checked before a byte is sent: resource type from the file name, the service's
 * name rules ({@code [A-Za-z0-9._-]}, at most 128 bytes), required extensions per type, and the 2,048 MB limit.
 * Types are the wire names {@code file py jar archive}. Pure.
 */
public final class UploadRules {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final int MAX_NAME_BYTES = 128;
    private static final List<String> ARCHIVE_SUFFIXES = List.of(".zip", ".tgz", ".tar.gz", ".tar", ".whl", ".jar");

    private UploadRules() {
    }

    /** {@code .py} → py, {@code .jar} → jar, zip/tgz/tar.gz/tar/whl → archive, anything else → file. */
    public static String inferType(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".py")) {
            return "py";
        }
        if (lower.endsWith(".jar")) {
            return "jar";
        }
        for (String suffix : ARCHIVE_SUFFIXES) {
            if (!suffix.equals(".jar") && lower.endsWith(suffix)) {
                return "archive";
            }
        }
        return "file";
    }

    /** A resource name made from a local file name: characters outside the allowed set become '_'. */
    public static String nameFor(String fileName) {
        String cleaned = fileName.trim().replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() ? "resource" : cleaned;
    }

    /** Everything wrong with uploading {@code size} bytes as {@code name} of {@code type}; empty when fine. */
    public static List<String> problems(String name, String type, long size) {
        List<String> out = new ArrayList<>();
        if (name.isEmpty()) {
            out.add("The name is empty");
        } else if (!NAME.matcher(name).matches()) {
            out.add("Names may only use letters, digits, '_', '.' and '-'");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            out.add("Names may be at most " + MAX_NAME_BYTES + " bytes");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        switch (type) {
            case "py" -> {
                if (!lower.endsWith(".py")) {
                    out.add("A py resource's name must end in .py");
                }
            }
            case "jar" -> {
                if (!lower.endsWith(".jar")) {
                    out.add("A jar resource's name must end in .jar");
                }
            }
            case "archive" -> {
                if (ARCHIVE_SUFFIXES.stream().noneMatch(lower::endsWith)) {
                    out.add("An archive's name must end in .zip, .tgz, .tar.gz, .tar, .whl or .jar");
                }
            }
            case "file" -> {
            }
            default -> out.add("Unknown resource type: " + type);
        }
        if (size > OdpsHeaders.MAX_RESOURCE_SIZE) {
            out.add("Larger than the 2,048 MB limit (" + size / (1024 * 1024) + " MB)");
        }
        return out;
    }

    /** {@code name} with a counter before the extension ({@code job_1.py}) so it is not in {@code taken}. */
    public static String uniqueName(String name, Set<String> taken) {
        if (!taken.contains(name)) {
            return name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String ext = lower.endsWith(".tar.gz") ? name.substring(name.length() - 7)
                : name.lastIndexOf('.') > 0 ? name.substring(name.lastIndexOf('.')) : "";
        String base = name.substring(0, name.length() - ext.length());
        for (int i = 1; ; i++) {
            String candidate = base + "_" + i + ext;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
