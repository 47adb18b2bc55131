package org.odpsexplorer.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;

/**
 * Text handles keep their content as UTF-16 code units (2 bytes each, big-endian) so that character positions map to
 * byte offsets; this class converts between those units, Java strings and the resource's encoding. Decoding and
 * encoding are strict, like Python's: malformed input fails instead of being replaced.
 */
public final class TextCodec {
    private static final int CHUNK_CHARS = 32 * 1024;

    private TextCodec() {
    }

    /** UTF-16BE units of a string, exactly (lone surrogates kept). */
    public static byte[] toUnits(String s) {
        byte[] out = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out[2 * i] = (byte) (c >>> 8);
            out[2 * i + 1] = (byte) c;
        }
        return out;
    }

    /** A string from UTF-16BE units ({@code len} must be even). */
    public static String fromUnits(byte[] b, int off, int len) {
        char[] chars = new char[len / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((b[off + 2 * i] & 0xff) << 8 | b[off + 2 * i + 1] & 0xff);
        }
        return new String(chars);
    }

    /** A strict reader over encoded bytes. */
    public static Reader reader(InputStream in, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }

    /** Decodes {@code in} to its end and appends the units to {@code store}. */
    public static void decodeInto(InputStream in, Charset charset, ByteStore store, String name) {
        try (Reader reader = reader(in, charset)) {
            char[] chars = new char[CHUNK_CHARS];
            byte[] units = new byte[CHUNK_CHARS * 2];
            int n;
            while ((n = reader.read(chars)) >= 0) {
                for (int i = 0; i < n; i++) {
                    units[2 * i] = (byte) (chars[i] >>> 8);
                    units[2 * i + 1] = (byte) chars[i];
                }
                store.write(store.size(), units, 0, 2 * n);
            }
        } catch (CharacterCodingException e) {
            throw notText(name, charset, e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource '" + name + "'", e);
        }
    }

    /** The failure for content that is not valid text in {@code charset}. */
    public static UncheckedIOException notText(String name, Charset charset, CharacterCodingException e) {
        return new UncheckedIOException("resource '" + name + "' is not valid " + charset.name()
                + " text; open it in a binary mode (rb, r+b, ...) or with another encoding", e);
    }

    /**
     * Encodes all units of {@code units} with {@code charset} into a new byte spool (the caller closes it).
     *
     * @throws UncheckedIOException when a character cannot be encoded (e.g. a lone surrogate left by a cut)
     */
    public static Spool encode(ByteStore units, Charset charset, ClientConfig config, String name) {
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Spool out = new Spool(config.spoolThreshold(), config.tempDirectory());
        try {
            byte[] raw = new byte[CHUNK_CHARS * 2];
            CharBuffer chars = CharBuffer.allocate(CHUNK_CHARS + 1);
            ByteBuffer bytes = ByteBuffer.allocate((int) (CHUNK_CHARS * encoder.maxBytesPerChar()) + 16);
            long pos = 0;
            long size = units.size();
            while (true) {
                int n = pos < size ? units.read(pos, raw, 0, (int) Math.min(raw.length, size - pos)) : -1;
                boolean end = n < 0;
                if (!end) {
                    pos += n;
                    for (int i = 0; i + 1 < n; i += 2) {
                        chars.put((char) ((raw[i] & 0xff) << 8 | raw[i + 1] & 0xff));
                    }
                }
                chars.flip();
                CoderResult result = encoder.encode(chars, bytes, end);
                if (result.isError()) {
                    result.throwException();
                }
                chars.compact();
                if (end) {
                    result = encoder.flush(bytes);
                    if (result.isError()) {
                        result.throwException();
                    }
                }
                bytes.flip();
                out.write(out.size(), bytes.array(), 0, bytes.limit());
                bytes.clear();
                if (end) {
                    if (chars.position() > 0) {
                        throw new MalformedInputException(chars.position());
                    }
                    return out;
                }
            }
        } catch (CharacterCodingException e) {
            out.close();
            throw new UncheckedIOException("text of resource '" + name + "' cannot be encoded as " + charset.name()
                    + " (a lone surrogate?)", e);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }
}
