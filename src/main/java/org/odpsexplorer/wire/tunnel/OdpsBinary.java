package org.odpsexplorer.wire.tunnel;

import java.util.HexFormat;

/** A BINARY value. Immutable; equality is by bytes; {@link #toString()} is lower-case hex. */
public final class OdpsBinary extends ByteValue {
    private OdpsBinary(byte[] bytes) {
        super(bytes);
    }

    /** Copies {@code bytes}. */
    public static OdpsBinary of(byte[] bytes) {
        return new OdpsBinary(bytes.clone());
    }

    static OdpsBinary wrap(byte[] bytes) {
        return new OdpsBinary(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(rawBytes());
    }
}
