package org.odpsexplorer.emulator.tunnel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Just enough of the FlatBuffers binary format to write the Arrow IPC metadata messages ({@code Message},
 * {@code Schema}, {@code Field}, {@code RecordBatch}): tables with scalar and reference fields, strings, vectors of
 * tables and vectors of fixed-size structs. Objects are laid out front to back — the root offset, then each table
 * preceded by its vtable and followed by what it references — which the format allows because an offset only has
 * to point forward and a vtable may sit on either side of its table. Every scalar is aligned to its size from the
 * start of the buffer, as verifying readers (Arrow C++) require; the finished buffer is padded to 8 bytes.
 *
 * <p>Build a tree of {@link Table}s, then call {@link #finish}. Not thread-safe.
 */
final class FlatBuffer {
    private byte[] bytes = new byte[256];
    private int size;

    private FlatBuffer() {
    }

    /** A value placed outside its table and reached through a 32-bit forward offset. */
    sealed interface Ref permits Table, Str, TableVector, StructVector {
    }

    /** A scalar field: {@code width} bytes (1, 2, 4 or 8) holding {@code value} little-endian. */
    private record Scalar(long value, int width) {
    }

    /** A table under construction: field id → scalar or reference. Fields never added read as their defaults. */
    static final class Table implements Ref {
        private final TreeMap<Integer, Object> fields = new TreeMap<>();

        Table bool(int id, boolean v) {
            fields.put(id, new Scalar(v ? 1 : 0, 1));
            return this;
        }

        Table int8(int id, int v) {
            fields.put(id, new Scalar(v, 1));
            return this;
        }

        Table int16(int id, int v) {
            fields.put(id, new Scalar(v, 2));
            return this;
        }

        Table int32(int id, int v) {
            fields.put(id, new Scalar(v, 4));
            return this;
        }

        Table int64(int id, long v) {
            fields.put(id, new Scalar(v, 8));
            return this;
        }

        Table ref(int id, Ref v) {
            fields.put(id, v);
            return this;
        }
    }

    record Str(String text) implements Ref {
    }

    record TableVector(List<Table> items) implements Ref {
    }

    /** A vector of structs of 8-byte-aligned members, given as their packed little-endian bytes. */
    record StructVector(byte[] packed, int count) implements Ref {
    }

    /** The finished buffer for {@code root}, its length a multiple of 8. */
    static byte[] finish(Table root) {
        FlatBuffer fb = new FlatBuffer();
        fb.reserve(4);
        int rootPos = fb.write(root);
        fb.putInt(0, rootPos);
        fb.align(8, 0);
        return Arrays.copyOf(fb.bytes, fb.size);
    }

    // ---- layout ---------------------------------------------------------------------------------------------------

    private int write(Ref ref) {
        if (ref instanceof Table t) {
            return writeTable(t);
        }
        if (ref instanceof Str s) {
            byte[] utf8 = s.text().getBytes(StandardCharsets.UTF_8);
            align(4, 0);
            int pos = reserve(4 + utf8.length + 1);
            putInt(pos, utf8.length);
            System.arraycopy(utf8, 0, bytes, pos + 4, utf8.length);
            return pos;
        }
        if (ref instanceof TableVector v) {
            align(4, 0);
            int pos = reserve(4 + 4 * v.items().size());
            putInt(pos, v.items().size());
            for (int i = 0; i < v.items().size(); i++) {
                int slot = pos + 4 + 4 * i;
                int child = writeTable(v.items().get(i));
                putInt(slot, child - slot);
            }
            return pos;
        }
        StructVector v = (StructVector) ref;
        align(8, 4); // the length word sits just before 8-aligned elements
        int pos = reserve(4 + v.packed().length);
        putInt(pos, v.count());
        System.arraycopy(v.packed(), 0, bytes, pos + 4, v.packed().length);
        return pos;
    }

    private int writeTable(Table t) {
        int maxId = t.fields.isEmpty() ? -1 : t.fields.lastKey();
        // field slots after the 4-byte vtable offset, widest first so that little padding is needed
        List<Map.Entry<Integer, Object>> order = new ArrayList<>(t.fields.entrySet());
        order.sort((a, b) -> Integer.compare(width(b.getValue()), width(a.getValue())));
        int[] offsets = new int[maxId + 1];
        int cursor = 4;
        for (Map.Entry<Integer, Object> e : order) {
            int w = width(e.getValue());
            cursor = (cursor + w - 1) / w * w;
            offsets[e.getKey()] = cursor;
            cursor += w;
        }
        int tableSize = cursor;
        int vtableSize = 4 + 2 * (maxId + 1);

        align(2, 0);
        int vtablePos = reserve(vtableSize);
        align(8, 0); // the table start is 8-aligned, so offsets aligned within it are aligned in the buffer
        int tablePos = reserve(tableSize);
        putShort(vtablePos, vtableSize);
        putShort(vtablePos + 2, tableSize);
        for (int id = 0; id <= maxId; id++) {
            putShort(vtablePos + 4 + 2 * id, t.fields.containsKey(id) ? offsets[id] : 0);
        }
        putInt(tablePos, tablePos - vtablePos); // soffset: vtable = table - soffset
        List<Pending> pending = new ArrayList<>();
        for (Map.Entry<Integer, Object> e : t.fields.entrySet()) {
            int at = tablePos + offsets[e.getKey()];
            if (e.getValue() instanceof Scalar s) {
                for (int i = 0; i < s.width(); i++) {
                    bytes[at + i] = (byte) (s.value() >>> (8 * i));
                }
            } else {
                pending.add(new Pending((Ref) e.getValue(), at));
            }
        }
        for (Pending p : pending) {
            int child = write(p.ref());
            putInt(p.at(), child - p.at());
        }
        return tablePos;
    }

    /** A reference field at buffer position {@code at}, patched once its target is written. */
    private record Pending(Ref ref, int at) {
    }

    private static int width(Object field) {
        return field instanceof Scalar s ? s.width() : 4;
    }

    // ---- bytes ----------------------------------------------------------------------------------------------------

    private void align(int alignment, int remainder) {
        while (size % alignment != remainder) {
            reserve(1);
        }
    }

    private int reserve(int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
        int pos = size;
        size += n;
        return pos;
    }

    private void putShort(int pos, int v) {
        bytes[pos] = (byte) v;
        bytes[pos + 1] = (byte) (v >>> 8);
    }

    private void putInt(int pos, int v) {
        for (int i = 0; i < 4; i++) {
            bytes[pos + i] = (byte) (v >>> (8 * i));
        }
    }
}
