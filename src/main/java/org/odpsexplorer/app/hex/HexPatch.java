package org.odpsexplorer.app.hex;

import java.util.List;
import java.util.Objects;

/**
 * A hex document's edits as a recipe against its original content: runs copied from the original (offset, length)
 * and inserted bytes, in order. Its size is the typed bytes plus a few numbers per run, never the content, so a
 * 2 GB resource with a few changed bytes has a patch of a few hundred bytes.
 *
 * @param baseSize size of the original the runs refer to
 * @param segments the new content, in order
 */
public record HexPatch(long baseSize, List<Segment> segments) {
    public HexPatch {
        segments = List.copyOf(Objects.requireNonNull(segments, "segments == null"));
    }

    /** One run of the new content. */
    public sealed interface Segment permits Copy, Insert {
        long length();
    }

    /** {@code length} bytes of the original from {@code start}. */
    public record Copy(long start, long length) implements Segment {
    }

    /** Bytes that are not in the original. */
    public record Insert(byte[] bytes) implements Segment {
        public Insert {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public long length() {
            return bytes.length;
        }
    }

    /** Size of the content the patch produces. */
    public long resultSize() {
        return segments.stream().mapToLong(Segment::length).sum();
    }

    /** Inserted bytes in total. */
    public long insertedBytes() {
        return segments.stream().filter(s -> s instanceof Insert).mapToLong(Segment::length).sum();
    }

    /** True when the patch reproduces the original unchanged. */
    public boolean isIdentity() {
        return segments.isEmpty() ? baseSize == 0
                : segments.size() == 1 && segments.get(0) instanceof Copy c && c.start() == 0 && c.length() == baseSize;
    }
}
