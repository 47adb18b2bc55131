package org.odpsexplorer.sdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.ByteStore;
import org.odpsexplorer.sdk.internal.ClientConfig;
import org.odpsexplorer.sdk.internal.ContentSource;
import org.odpsexplorer.sdk.internal.HandleOpener;
import org.odpsexplorer.sdk.internal.ResourceApi;
import org.odpsexplorer.sdk.internal.Spool;
import org.odpsexplorer.sdk.internal.StreamingStore;
import org.odpsexplorer.sdk.internal.TextCodec;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.FileMode;
import org.odpsexplorer.sdk.model.ResourceConflictException;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceNames;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.TransferCancelledException;

/**
 * A file-like handle on a resource's content with PyODPS's semantics (its in-memory buffer follows Python's
 * {@code io.StringIO}/{@code io.BytesIO}), obtained from {@link Odps#openResource} or {@link Resource#open}.
 *
 * <table>
 * <caption>Modes</caption>
 * <tr><th>mode</th><th>read</th><th>write</th><th>at open</th></tr>
 * <tr><td>{@code r}</td><td>yes</td><td>refused</td><td>must exist; position 0</td></tr>
 * <tr><td>{@code w}</td><td>refused</td><td>yes</td><td>starts empty; created on flush if missing</td></tr>
 * <tr><td>{@code a}</td><td>refused</td><td>always at the end</td><td>must exist; content loaded</td></tr>
 * <tr><td>{@code r+}</td><td>yes</td><td>at the position</td><td>must exist; position 0</td></tr>
 * <tr><td>{@code w+}</td><td>yes</td><td>at the position</td><td>starts empty; created on flush if missing</td></tr>
 * <tr><td>{@code a+}</td><td>yes</td><td>always at the end</td><td>must exist; position 0 (as PyODPS)</td></tr>
 * </table>
 * Add {@code b} ({@code rb}, {@code r+b}/{@code rb+}, ...) for bytes. Text handles use the {@code String} methods and
 * count positions in chars (UTF-16 code units, equal to Python's characters for BMP text); binary handles use the
 * {@code byte[]} methods and count bytes. A {@code String} written to a binary handle is encoded, a {@code byte[]}
 * written to a text handle decoded, as PyODPS does; reading with the other family is refused.
 *
 * <p>Exactly as PyODPS: {@code seek} past the end is allowed (a later write zero-fills the gap); text seeks relative
 * to the current position or the end only accept offset 0; binary relative seeks clamp at 0; {@code truncate()} cuts
 * at the position, {@code truncate(n)} at n (never extends) and keeps the position; a write of nothing changes
 * nothing. {@code w}/{@code w+} do not clear the server copy until something is written (or truncated) and flushed.
 *
 * <p>Saving: {@link #flush()} uploads only if something was written or truncated. It is a <em>safe save</em>: the
 * handle remembers the metadata (size, last-modified time, MD5) the content was loaded from, re-reads the metadata
 * first, and throws {@link ResourceConflictException} without uploading if the server copy changed (or appeared, or
 * vanished). This is check-then-write: a change landing between the check and the upload is not detected.
 * {@link #flush(boolean) flush(true)} or {@link ResourceOptions#withForce(boolean)} overwrite anyway. After a
 * successful flush the new server metadata becomes the baseline. {@link #close()} flushes; if that flush fails the
 * handle stays open (as in PyODPS) so the caller can {@code flush(true)} or {@link #discard()}.
 *
 * <p>Memory: content lives in memory up to the client's spool threshold (8 MiB by default) and in a temp file above;
 * large {@code r}/{@code rb} handles download nothing up front and read through ranged requests. Text content is held
 * as UTF-16 (2 bytes per char) and encoded back while uploading.
 *
 * <p>Not thread-safe: use a handle from one thread at a time. All methods may block on the network. A closed handle
 * refuses everything but {@link #close()} with {@link IllegalStateException}; a read on a write-only handle or a
 * write on a read-only one throws {@link UnsupportedOperationException} (Python's {@code io.UnsupportedOperation}).
 */
public final class ResourceFile implements AutoCloseable {
    /** {@code whence} for {@link #seek(long, int)}: from the start. */
    public static final int SEEK_SET = 0;
    /** {@code whence}: relative to the current position. */
    public static final int SEEK_CUR = 1;
    /** {@code whence}: relative to the end. */
    public static final int SEEK_END = 2;
    private static final int CHUNK_UNITS = 8192;

    private final ResourceApi api;
    private final ClientConfig config;
    private final String name;
    private final FileMode mode;
    private final ResourceOptions options;
    private final Charset charset;
    private final int unit;
    private final ByteStore store;
    private @Nullable ResourceInfo baseline;
    private long pos;
    private boolean dirty;
    private boolean closed;

    private ResourceFile(ResourceApi api, ClientConfig config, String name, FileMode mode, ResourceOptions options,
                         ByteStore store, @Nullable ResourceInfo baseline) {
        this.api = api;
        this.config = config;
        this.name = name;
        this.mode = mode;
        this.options = options;
        this.charset = options.encoding();
        this.unit = mode.binary() ? 1 : 2;
        this.store = store;
        this.baseline = baseline;
    }

    static ResourceFile open(ResourceApi api, ClientConfig config, String name, FileMode mode,
                             ResourceOptions options) {
        HandleOpener.Opened opened = HandleOpener.open(api, config, name, mode, options);
        return new ResourceFile(api, config, name, mode, options, opened.store(), opened.baseline());
    }

    /** The resource name. */
    public String name() {
        return name;
    }

    /** The mode the handle was opened with. */
    public FileMode mode() {
        return mode;
    }

    /** True for {@code b} modes. */
    public boolean isBinary() {
        return mode.binary();
    }

    /** The text encoding (also used to convert {@code String}s written to binary handles). */
    public Charset encoding() {
        return charset;
    }

    public boolean isClosed() {
        return closed;
    }

    /** True when something was written or truncated since the last successful flush. */
    public boolean isDirty() {
        return dirty;
    }

    /** The server metadata the content is based on (null: the resource did not exist at open/last flush). */
    public @Nullable ResourceInfo baseline() {
        return baseline;
    }

    // ---------------------------------------------------------------- reading

    /** Reads to the end (text handles). */
    public String read() {
        return read(-1);
    }

    /** Reads at most {@code size} chars ({@code size < 0}: to the end); empty at the end. */
    public String read(int size) {
        checkReadable(false);
        byte[] units = readUnits(size);
        return TextCodec.fromUnits(units, 0, units.length);
    }

    /** Reads to the end (binary handles). */
    public byte[] readBytes() {
        return readBytes(-1);
    }

    /** Reads at most {@code size} bytes ({@code size < 0}: to the end); empty at the end. */
    public byte[] readBytes(int size) {
        checkReadable(true);
        return readUnits(size);
    }

    /** Reads one line including its {@code \n} (text handles); empty at the end. Only {@code \n} ends a line. */
    public String readLine() {
        return readLine(-1);
    }

    /** Reads one line, at most {@code size} chars ({@code size < 0}: no limit). */
    public String readLine(int size) {
        checkReadable(false);
        byte[] units = readLineUnits(size);
        return TextCodec.fromUnits(units, 0, units.length);
    }

    /** Reads one line including its {@code \n} (binary handles); empty at the end. */
    public byte[] readLineBytes() {
        return readLineBytes(-1);
    }

    public byte[] readLineBytes(int size) {
        checkReadable(true);
        return readLineUnits(size);
    }

    /** Reads all remaining lines (text handles). */
    public List<String> readLines() {
        return readLines(-1);
    }

    /** Reads lines until their total length reaches {@code hint} chars ({@code hint <= 0}: all), as Python. */
    public List<String> readLines(int hint) {
        checkReadable(false);
        List<String> lines = new ArrayList<>();
        for (byte[] units : readLinesUnits(hint)) {
            lines.add(TextCodec.fromUnits(units, 0, units.length));
        }
        return lines;
    }

    /** Reads all remaining lines (binary handles). */
    public List<byte[]> readLinesBytes() {
        return readLinesBytes(-1);
    }

    public List<byte[]> readLinesBytes(int hint) {
        checkReadable(true);
        return readLinesUnits(hint);
    }

    /**
     * The remaining lines, read lazily one {@link #readLine()} at a time (Python's {@code for line in fp}), for text
     * handles. The position advances as the iteration does.
     */
    public Iterable<String> lines() {
        checkReadable(false);
        return () -> new Iterator<>() {
            private @Nullable String next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    String line = readLine();
                    next = line.isEmpty() ? null : line;
                }
                return next != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String line = Objects.requireNonNull(next, "hasNext() holds it");
                next = null;
                return line;
            }
        };
    }

    /**
     * Copies the rest of the content to {@code out} in constant memory (binary handles); the caller closes {@code out}.
     *
     * @return bytes copied
     */
    public long transferTo(OutputStream out) {
        checkReadable(true);
        if (store instanceof StreamingStore streaming) {
            long copied = streaming.transferTo(pos, out);
            pos += copied;
            return copied;
        }
        byte[] buf = new byte[64 * 1024];
        long copied = 0;
        int n;
        while ((n = store.read(pos, buf, 0, buf.length)) > 0) {
            try {
                out.write(buf, 0, n);
            } catch (IOException e) {
                throw new UncheckedIOException("writing resource '" + name + "' to the output", e);
            }
            pos += n;
            copied += n;
        }
        return copied;
    }

    /**
     * Positional read (binary handles): up to {@code len} bytes at {@code position} into {@code buf}, without moving
     * the handle's position; -1 at or after the end. A large read-only handle fetches exactly this range in one
     * request on a pooled connection, so random access (a hex view jumping around a 2 GB jar) costs only the bytes
     * asked for.
     */
    public int readBytesAt(long position, byte[] buf, int off, int len) {
        checkReadable(true);
        Objects.checkFromIndexSize(off, len, buf.length);
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (len == 0) {
            return 0;
        }
        if (store instanceof StreamingStore streaming) {
            return streaming.readAt(position, buf, off, len);
        }
        int total = 0;
        while (total < len) {
            int n = store.read(position + total, buf, off + total, len - total);
            if (n <= 0) {
                break;
            }
            total += n;
        }
        return total == 0 ? -1 : total;
    }

    private byte[] readUnits(int size) {
        return readUnits(size, false);
    }

    private byte[] readLineUnits(int size) {
        return readUnits(size, true);
    }

    /**
     * Reads at most {@code size} units ({@code size < 0}: to the end) from the position and advances it; with
     * {@code toNewline} the read also stops after the first {@code \n} unit. Serves the text and binary reads alike:
     * a unit is a byte or a UTF-16 code unit (two bytes, big-endian as {@link TextCodec} stores them).
     */
    private byte[] readUnits(int size, boolean toNewline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[CHUNK_UNITS * unit];
        long wanted = size < 0 ? Long.MAX_VALUE : size;
        long got = 0;
        while (got < wanted) {
            int n = store.read(pos * unit, buf, 0, (int) Math.min(CHUNK_UNITS, wanted - got) * unit);
            if (n <= 0) {
                break;
            }
            int lineEnd = toNewline ? lineEnd(buf, n) : -1;
            int take = lineEnd < 0 ? n : lineEnd;
            out.write(buf, 0, take);
            pos += take / unit;
            got += take / unit;
            if (lineEnd >= 0) {
                break;
            }
        }
        return out.toByteArray();
    }

    /** The length up to and including the first newline unit in the first {@code n} bytes of {@code buf}; -1: none. */
    private int lineEnd(byte[] buf, int n) {
        for (int i = 0; i + unit <= n; i += unit) {
            boolean newline = unit == 1 ? buf[i] == '\n' : buf[i] == 0 && buf[i + 1] == '\n';
            if (newline) {
                return i + unit;
            }
        }
        return -1;
    }

    /** Whole lines until their total length reaches {@code hint} units ({@code hint <= 0}: all), as Python. */
    private List<byte[]> readLinesUnits(int hint) {
        List<byte[]> lines = new ArrayList<>();
        long total = 0;
        while (true) {
            byte[] line = readLineUnits(-1);
            if (line.length == 0) {
                return lines;
            }
            lines.add(line);
            total += line.length / unit;
            if (hint > 0 && total >= hint) {
                return lines;
            }
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes text at the position (at the end in {@code a} modes); a binary handle encodes it.
     *
     * @return chars written (bytes for a binary handle)
     */
    public int write(String text) {
        checkWritable();
        return writeUnits(mode.binary() ? encode(text) : TextCodec.toUnits(text));
    }

    /**
     * Writes bytes at the position (at the end in {@code a} modes); a text handle decodes them first.
     *
     * @return bytes written (chars for a text handle)
     */
    public int write(byte[] bytes) {
        checkWritable();
        return writeUnits(mode.binary() ? bytes : TextCodec.toUnits(decode(bytes)));
    }

    /** Writes each string in turn (Python's {@code writelines}: no separators added). */
    public void writeLines(List<String> lines) {
        checkWritable();
        StringBuilder all = new StringBuilder();
        for (String line : lines) {
            all.append(line);
        }
        writeUnits(mode.binary() ? encode(all.toString()) : TextCodec.toUnits(all.toString()));
    }

    /** Writes each byte array in turn (binary {@code writelines}). */
    public void writeLinesBytes(List<byte[]> lines) {
        checkWritable();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            all.writeBytes(line);
        }
        byte[] bytes = all.toByteArray();
        writeUnits(mode.binary() ? bytes : TextCodec.toUnits(decode(bytes)));
    }

    /** Strict encoding of text written to a binary handle (Python's {@code str.encode} raises too). */
    private byte[] encode(String text) {
        try {
            ByteBuffer bytes = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text written to binary handle '" + name + "' cannot be encoded as "
                    + charset.name(), e);
        }
    }

    private String decode(byte[] bytes) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("bytes written to text handle '" + name + "' are not valid "
                    + charset.name(), e);
        }
    }

    private int writeUnits(byte[] data) {
        if (mode.appending()) {
            pos = store.size() / unit;
        }
        if (data.length == 0) {
            return 0;
        }
        store.write(pos * unit, data, 0, data.length);
        pos += data.length / unit;
        dirty = true;
        return data.length / unit;
    }

    // ---------------------------------------------------------------- positions

    /** Moves to an absolute position; see {@link #seek(long, int)}. */
    public long seek(long position) {
        return seek(position, SEEK_SET);
    }

    /**
     * Moves the position as Python's {@code seek(offset, whence)} on StringIO/BytesIO and returns the new position.
     *
     * @throws IllegalArgumentException for a negative absolute position, an unknown whence, or (text handles) a
     *                                  nonzero offset relative to the current position or the end
     */
    public long seek(long offset, int whence) {
        checkOpen();
        if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
            throw new IllegalArgumentException("invalid whence (" + whence + ", should be 0, 1 or 2)");
        }
        if (whence == SEEK_SET) {
            if (offset < 0) {
                throw new IllegalArgumentException("negative seek position " + offset);
            }
            pos = offset;
            return pos;
        }
        if (!mode.binary() && offset != 0) {
            throw new IllegalArgumentException("can't do nonzero cur-relative or end-relative seeks on a text handle");
        }
        long base = whence == SEEK_CUR ? pos : store.size() / unit;
        pos = Math.max(0, base + offset);
        return pos;
    }

    /** The position: chars for text handles, bytes for binary ones. */
    public long tell() {
        checkOpen();
        return pos;
    }

    /** Content length in the handle's units (chars or bytes), including unsaved changes. */
    public long size() {
        checkOpen();
        return store.size() / unit;
    }

    /** Cuts the content at the position; see {@link #truncate(long)}. */
    public long truncate() {
        checkOpen();
        return truncate(pos);
    }

    /**
     * Cuts the content to {@code size} units if longer (never extends), keeps the position, and marks the handle for
     * upload even if nothing was cut (as PyODPS). Returns {@code size}.
     *
     * @throws IllegalArgumentException for a negative size
     */
    public long truncate(long size) {
        checkWritable();
        if (size < 0) {
            throw new IllegalArgumentException("negative size value " + size);
        }
        store.truncate(size * unit);
        dirty = true;
        return size;
    }

    // ---------------------------------------------------------------- saving

    /** Uploads pending changes with the safe-save check (unless the handle was opened with force). */
    public void flush() {
        flush(options.force());
    }

    /**
     * Uploads pending changes; does nothing when there are none.
     *
     * @param force true: skip the conflict check and overwrite whatever the server has
     * @throws ResourceConflictException when not forced and the server copy differs from {@link #baseline()}
     */
    public void flush(boolean force) {
        flush(force, options.cancel());
    }

    /**
     * {@link #flush(boolean)} whose upload stops when {@code cancel} is raised (instead of the signal the handle was
     * opened with): it throws {@link TransferCancelledException}, the server copy stays as it was and the handle keeps
     * its changes (still dirty), so a later flush can try again.
     */
    public void flush(boolean force, @Nullable CancelSignal cancel) {
        checkOpen();
        if (!dirty) {
            return;
        }
        ResourceInfo current = api.find(name);
        if (!force && !sameVersion(baseline, current)) {
            throw new ResourceConflictException(name, baseline, current, "flush of " + name);
        }
        Spool encoded = mode.binary() ? null : TextCodec.encode(store, charset, config, name);
        ResourceOptions options = cancel == this.options.cancel() ? this.options : this.options.withCancel(cancel);
        try (ContentSource content = ContentSource.of(encoded != null ? encoded : (Spool) store)) {
            ResourceInfo saved;
            if (current == null) {
                ResourceNames.checkForCreate(name, options.type());
                saved = api.upload(name, options.type(), content, false, options);
            } else {
                ResourceOptions updateOptions = current.temp() ? options.withTemp(true) : options;
                saved = api.upload(name, current.type(), content, true, updateOptions);
            }
            baseline = saved;
            dirty = false;
        } finally {
            if (encoded != null) {
                encoded.close();
            }
        }
    }

    /**
     * Takes {@code current} as the baseline when it has the same content as the baseline (same size and MD5, both
     * known) and differs only in metadata, e.g. after the caller changed the resource's comment. Later flushes then
     * check against {@code current}. Returns false, changing nothing, when the content may differ.
     */
    public boolean rebase(ResourceInfo current) {
        checkOpen();
        ResourceInfo base = baseline;
        if (base == null || base.md5() == null || current.md5() == null || base.size() != current.size()
                || !base.md5().equalsIgnoreCase(current.md5()) || base.type() != current.type()
                || !base.name().equals(current.name())) {
            return false;
        }
        baseline = current;
        return true;
    }

    private static boolean sameVersion(@Nullable ResourceInfo expected, @Nullable ResourceInfo actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        return expected.sameVersionAs(actual);
    }

    /**
     * Flushes, then releases the handle. Idempotent. If the flush throws, the handle stays open (PyODPS behaviour)
     * so the caller can retry, {@code flush(true)} or {@link #discard()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        discard();
    }

    /** Closes without uploading pending changes. Idempotent. */
    public void discard() {
        if (closed) {
            return;
        }
        closed = true;
        store.close();
    }

    // ---------------------------------------------------------------- checks

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("I/O operation on closed resource file '" + name + "'");
        }
    }

    private void checkReadable(boolean binaryCall) {
        checkOpen();
        if (!mode.readable()) {
            throw new UnsupportedOperationException("resource file '" + name + "' not open for reading (mode '"
                    + mode + "')");
        }
        if (binaryCall != mode.binary()) {
            throw new UnsupportedOperationException(mode.binary()
                    ? "binary handle (mode '" + mode + "'): use readBytes/readLineBytes/readLinesBytes"
                    : "text handle (mode '" + mode + "'): use read/readLine/readLines, or open with a b mode");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (!mode.writable()) {
            throw new UnsupportedOperationException("resource file '" + name + "' not open for writing (mode '"
                    + mode + "')");
        }
    }

    @Override
    public String toString() {
        return "ResourceFile[" + name + ", mode " + mode + (closed ? ", closed" : "") + (dirty ? ", modified" : "")
                + "]";
    }
}
