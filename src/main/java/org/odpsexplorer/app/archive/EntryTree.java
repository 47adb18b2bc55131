package org.odpsexplorer.app.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An archive's flat entry list as a tree of folders: folders that have no entry of their own are made up from the
 * paths, and each folder sums the sizes and counts the files below it. Folders come first, then files, by name.
 * Built on a worker; immutable once built.
 */
public final class EntryTree {
    /** A folder (with or without its own entry) or a file. */
    public static final class Node {
        private final String name;
        private final String path;
        private @Nullable ArchiveEntry entry;
        private final boolean folder;
        private final Map<String, Node> folders = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();
        private long size;
        private long compressedSize;
        private int files;

        Node(String name, String path, boolean folder, @Nullable ArchiveEntry entry) {
            this.name = name;
            this.path = path;
            this.folder = folder;
            this.entry = entry;
        }

        /** The last path segment (the archive's name for the root). */
        public String name() {
            return name;
        }

        /** The path from the archive's root; folders end with {@code /}; empty for the root. */
        public String path() {
            return path;
        }

        /** The entry behind the node; null for a folder the archive has no entry for. */
        public @Nullable ArchiveEntry entry() {
            return entry;
        }

        public boolean isFolder() {
            return folder;
        }

        public List<Node> children() {
            return children;
        }

        /** Declared size (summed for folders; unknown sizes count 0). */
        public long size() {
            return size;
        }

        public long compressedSize() {
            return compressedSize;
        }

        /** Files below a folder (1 for a file). */
        public int files() {
            return files;
        }

        /** This node's entry and every entry below it, in archive order. */
        public List<ArchiveEntry> entries() {
            List<ArchiveEntry> out = new ArrayList<>();
            collect(this, out);
            out.sort(Comparator.comparingInt(ArchiveEntry::ordinal));
            return out;
        }

        /** What to strip from entry paths when extracting this node: the path of the folder it sits in. */
        public String parentPath() {
            String trimmed = folder && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            int slash = trimmed.lastIndexOf('/');
            return slash < 0 ? "" : trimmed.substring(0, slash + 1);
        }

        private static void collect(Node n, List<ArchiveEntry> out) {
            if (n.entry != null) {
                out.add(n.entry);
            }
            n.children.forEach(c -> collect(c, out));
        }
    }

    private EntryTree() {
    }

    /** Builds the tree of {@code entries}; the root is named {@code archiveName}. */
    public static Node build(String archiveName, List<ArchiveEntry> entries) {
        Node root = new Node(archiveName, "", true, null);
        for (ArchiveEntry e : entries) {
            List<String> segments = new ArrayList<>();
            for (String s : e.path().split("/")) {
                if (!s.isEmpty()) {
                    segments.add(s);
                }
            }
            if (segments.isEmpty()) {
                root.children.add(new Node(e.path(), e.path(), e.directory(), e));
                continue;
            }
            Node parent = root;
            int folders = e.directory() ? segments.size() : segments.size() - 1;
            for (int i = 0; i < folders; i++) {
                parent = folder(parent, segments.get(i));
            }
            if (e.directory()) {
                parent.entry = e;
            } else {
                parent.children.add(new Node(segments.get(segments.size() - 1), e.path(), false, e));
            }
        }
        finish(root);
        return root;
    }

    private static Node folder(Node parent, String name) {
        Node existing = parent.folders.get(name);
        if (existing != null) {
            return existing;
        }
        Node created = new Node(name, parent.path + name + "/", true, null);
        parent.folders.put(name, created);
        parent.children.add(created);
        return created;
    }

    private static void finish(Node n) {
        if (!n.folder) {
            ArchiveEntry e = n.entry;
            n.size = e == null ? 0 : Math.max(0, e.size());
            n.compressedSize = e == null ? 0 : Math.max(0, e.compressedSize());
            n.files = 1;
            return;
        }
        for (Node c : n.children) {
            finish(c);
            n.size += c.size;
            n.compressedSize += c.compressedSize;
            n.files += c.files;
        }
        n.children.sort(Comparator.comparing((Node c) -> !c.folder).thenComparing(c -> c.name));
    }
}
