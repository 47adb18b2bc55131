package org.odpsexplorer.app.hex;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Interprets the bytes at the caret as numbers and a character. Pure; safe on any thread. */
public final class DataInspector {
    /** One line of the inspector: what it is, and its value or "—" when there are too few bytes. */
    public record Row(String name, String value) {
    }

    /** Bytes the inspector needs at most (int64/double). */
    public static final int WINDOW = 8;
    private static final String NONE = "—";

    private DataInspector() {
    }

    /** Rows for {@code bytes[0..length)}, the bytes at and after the caret. */
    public static List<Row> inspect(byte[] bytes, int length) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("int8", length >= 1 ? Byte.toString(bytes[0]) : NONE));
        rows.add(new Row("uint8", length >= 1 ? Integer.toString(bytes[0] & 0xFF) : NONE));
        rows.add(new Row("binary", length >= 1
                ? String.format("%8s", Integer.toBinaryString(bytes[0] & 0xFF)).replace(' ', '0') : NONE));
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            String o = order == ByteOrder.LITTLE_ENDIAN ? " LE" : " BE";
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, Math.min(length, bytes.length)).order(order);
            rows.add(new Row("int16" + o, length >= 2 ? Short.toString(b.getShort(0)) : NONE));
            rows.add(new Row("uint16" + o, length >= 2 ? Integer.toString(b.getShort(0) & 0xFFFF) : NONE));
            rows.add(new Row("int32" + o, length >= 4 ? Integer.toString(b.getInt(0)) : NONE));
            rows.add(new Row("uint32" + o, length >= 4 ? Integer.toUnsignedString(b.getInt(0)) : NONE));
            rows.add(new Row("int64" + o, length >= 8 ? Long.toString(b.getLong(0)) : NONE));
            rows.add(new Row("uint64" + o, length >= 8 ? Long.toUnsignedString(b.getLong(0)) : NONE));
            rows.add(new Row("float32" + o, length >= 4 ? Float.toString(b.getFloat(0)) : NONE));
            rows.add(new Row("float64" + o, length >= 8 ? Double.toString(b.getDouble(0)) : NONE));
        }
        rows.add(new Row("UTF-8 char", utf8Char(bytes, length)));
        return rows;
    }

    /** The value of the named row, for tests and copy actions; throws when there is no such row. */
    public static String value(List<Row> rows, String name) {
        for (Row r : rows) {
            if (r.name().equals(name)) {
                return r.value();
            }
        }
        throw new IllegalArgumentException("no inspector row " + name);
    }

    private static String utf8Char(byte[] bytes, int length) {
        if (length < 1) {
            return NONE;
        }
        int lead = bytes[0] & 0xFF;
        int need = lead < 0x80 ? 1 : lead >= 0xF0 && lead < 0xF8 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : -1;
        if (need < 0 || need > length) {
            return "invalid";
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, need)).toString();
            int cp = s.codePointAt(0);
            String shown = Character.isISOControl(cp) ? "" : s + " ";
            return shown + String.format("U+%04X", cp);
        } catch (CharacterCodingException e) {
            // malformed sequence at the caret: that is the answer the inspector shows
            return "invalid";
        }
    }
}
