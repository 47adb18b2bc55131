package org.odpsexplorer.app.hex;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * An editable view of a {@link ByteSource}: a piece table over the untouched original plus an append-only buffer of
 * typed bytes, so opening is instant whatever the size and only edited ranges cost memory. Every edit is undoable.
 *
 * <p>Threads: edits happen on one thread (the FX thread); {@link #read} may run concurrently on workers and sees a
 * consistent snapshot (the piece list is immutable and published through a volatile field). Reading the original
 * can block (a file, the network), so the FX thread never calls {@link #read} on a document whose original is not in
 * memory: it asks {@link #peekByte}, which answers from the typed bytes and from the original's pages that a worker's
 * {@link #read} already fetched, or says {@link #NOT_LOADED}.
 */
public final class HexDocument implements ByteSource {
    /** {@link #peekByte}'s answer for a byte of the original whose page no worker has read yet. */
    public static final int NOT_LOADED = -2;
    /** Pages of the original remembered for {@link #peekByte}: 64 direct-mapped slots of 4 KiB (256 KiB at most). */
    private static final int PAGE = 4096;
    private static final int SLOTS = 64;
    /** Reads up to this long remember the original's pages they touch (the view's window, the inspector, typing). */
    private static final int REMEMBERED_READ = 64 * 1024;
    private final ByteSource original;
    private final AtomicReferenceArray<@Nullable Page> pages = new AtomicReferenceArray<>(SLOTS);
    private final List<Piece> originalPieces;
    private byte[] added = new byte[256];
    private int addedLength;
    private volatile State state;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private long version;

    public HexDocument(ByteSource original) {
        this.original = original;
        long size = original.size();
        this.originalPieces = size == 0 ? List.of() : List.of(new Piece(false, 0, size));
        this.state = new State(originalPieces);
    }

    @Override
    public long size() {
        return state.size;
    }

    /** Increases with every edit, undo and redo; views compare it to skip stale renders. */
    public long version() {
        return version;
    }

    /** True when the content differs structurally from the original (an undo back to the start clears it). */
    public boolean isModified() {
        return !state.pieces.equals(originalPieces);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Replaces {@code removeLength} bytes at {@code offset} with {@code bytes}; covers overwrite, insert, delete. */
    public void replace(long offset, long removeLength, byte[] bytes) {
        State s = state;
        if (offset < 0 || removeLength < 0 || offset + removeLength > s.size) {
            throw new IndexOutOfBoundsException("replace [" + offset + ", +" + removeLength + ") in size " + s.size);
        }
        if (removeLength == 0 && bytes.length == 0) {
            return;
        }
        List<Piece> out = new ArrayList<>(s.pieces.size() + 2);
        long pos = 0;
        boolean inserted = false;
        long removeEnd = offset + removeLength;
        for (Piece p : s.pieces) {
            long pStart = pos;
            long pEnd = pos + p.length;
            pos = pEnd;
            if (pEnd <= offset || (pEnd == offset && !inserted)) {
                out.add(p);
                continue;
            }
            if (pStart < offset) {
                out.add(new Piece(p.added, p.start, offset - pStart));
            }
            if (!inserted) {
                addAdded(out, bytes);
                inserted = true;
            }
            if (pEnd > removeEnd) {
                long skip = Math.max(0, removeEnd - pStart);
                out.add(new Piece(p.added, p.start + skip, p.length - skip));
            }
        }
        if (!inserted) {
            addAdded(out, bytes);
        }
        apply(new Step(s.pieces, out, offset), out);
    }

    /** Overwrites one byte, or appends it when {@code offset == size()}. */
    public void overwrite(long offset, byte value) {
        replace(offset, offset == size() ? 0 : 1, new byte[] {value});
    }

    public void insert(long offset, byte[] bytes) {
        replace(offset, 0, bytes);
    }

    public void delete(long offset, long length) {
        replace(offset, length, new byte[0]);
    }

    /** Undoes the last edit; returns the offset it touched (for the caret), or -1 when there was nothing to undo. */
    public long undo() {
        Step step = undo.pollLast();
        if (step == null) {
            return -1;
        }
        redo.addLast(step);
        publish(step.before);
        return step.offset;
    }

    /** Redoes the last undone edit; returns its offset or -1. */
    public long redo() {
        Step step = redo.pollLast();
        if (step == null) {
            return -1;
        }
        undo.addLast(step);
        publish(step.after);
        return step.offset;
    }

    /** The current content as edits against the original; cheap (no content is read). FX thread. */
    public HexPatch edits() {
        State s = state;
        byte[] addedNow = added;
        List<HexPatch.Segment> out = new ArrayList<>(s.pieces.size());
        for (Piece p : s.pieces) {
            out.add(p.added ? new HexPatch.Insert(Arrays.copyOfRange(addedNow, (int) p.start, (int) (p.start + p.length)))
                    : new HexPatch.Copy(p.start, p.length));
        }
        return new HexPatch(original.size(), out);
    }

    /**
     * Replaces the content with {@code patch} applied to the original, as one undoable edit (crash recovery).
     *
     * @throws IllegalArgumentException when the patch was made against an original of another size or reaches past it
     */
    public void applyEdits(HexPatch patch) {
        long base = original.size();
        if (patch.baseSize() != base) {
            throw new IllegalArgumentException("patch for " + patch.baseSize() + " bytes, original has " + base);
        }
        List<Piece> out = new ArrayList<>(patch.segments().size());
        for (HexPatch.Segment seg : patch.segments()) {
            if (seg instanceof HexPatch.Copy c) {
                if (c.start() < 0 || c.length() < 0 || c.start() + c.length() > base) {
                    throw new IllegalArgumentException("run " + c + " outside the original of " + base + " bytes");
                }
                if (c.length() > 0) {
                    out.add(new Piece(false, c.start(), c.length()));
                }
            } else if (seg instanceof HexPatch.Insert i) {
                addAdded(out, i.bytes());
            }
        }
        State s = state;
        apply(new Step(s.pieces, out, 0), out);
    }

    /** The unedited content this document started from. */
    public ByteSource original() {
        return original;
    }

    /**
     * The byte at {@code offset} (0..255), -1 past the end, or {@link #NOT_LOADED} when it comes from an original that
     * is not in memory and whose page has not been read yet (a worker's {@link #read} of that range fetches it).
     * Never blocks: for the FX thread.
     */
    public int peekByte(long offset) {
        State s = state;
        int idx = s.pieceAt(offset);
        if (idx < 0) {
            return -1;
        }
        Piece p = s.pieces.get(idx);
        long at = p.start + (offset - s.starts[idx]);
        if (p.added) {
            return added[(int) at] & 0xFF;
        }
        if (original.inMemory()) {
            byte[] one = new byte[1];
            try {
                return original.read(at, one, 0, 1) == 1 ? one[0] & 0xFF : -1;
            } catch (IOException e) {
                throw new UncheckedIOException(e); // an in-memory source does not fail
            }
        }
        long index = at / PAGE;
        Page page = pages.get((int) (index % SLOTS));
        int within = (int) (at - index * PAGE);
        return page != null && page.index == index && within < page.bytes.length ? page.bytes[within] & 0xFF
                : NOT_LOADED;
    }

    /** The byte at {@code offset} (0..255), or -1 past the end. May read the original source: worker or in-memory only. */
    public int byteAt(long offset) throws IOException {
        byte[] one = new byte[1];
        return read(offset, one, 0, 1) == 1 ? one[0] & 0xFF : -1;
    }

    /**
     * Reads the current content. A short read (up to 64 KiB, such as the view's window) remembers the original's
     * pages it touched, so the FX thread can {@link #peekByte peek} at them. Blocking unless the original is in memory.
     */
    @Override
    public int read(long offset, byte[] buf, int off, int len) throws IOException {
        return readFrom(state, added, offset, buf, off, len, len <= REMEMBERED_READ && !original.inMemory());
    }

    private int readFrom(State s, byte[] addedNow, long offset, byte[] buf, int off, int len) throws IOException {
        return readFrom(s, addedNow, offset, buf, off, len, false);
    }

    private int readFrom(State s, byte[] addedNow, long offset, byte[] buf, int off, int len, boolean remember)
            throws IOException {
        int total = 0;
        int idx = s.pieceAt(offset);
        while (idx >= 0 && idx < s.pieces.size() && total < len) {
            Piece p = s.pieces.get(idx);
            long pos = offset + total;
            long within = pos - s.starts[idx];
            int n = (int) Math.min(len - total, p.length - within);
            if (p.added) {
                System.arraycopy(addedNow, (int) (p.start + within), buf, off + total, n);
            } else if (remember) {
                readPaged(p.start + within, buf, off + total, n);
            } else {
                readFully(p.start + within, buf, off + total, n);
            }
            total += n;
            idx++;
        }
        return total;
    }

    /** Streams the whole current content to {@code out}; blocking, for a worker. The caller closes {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long size = size();
        for (long pos = 0; pos < size; ) {
            int n = read(pos, buf, 0, (int) Math.min(buf.length, size - pos));
            out.write(buf, 0, n);
            pos += n;
        }
    }

    /** Where {@link #copyInto} writes: positional writes of {@code len} bytes of {@code buf} (reused after the call). */
    @FunctionalInterface
    public interface PositionalSink {
        void write(long position, byte[] buf, int len) throws IOException;
    }

    /**
     * Streams the current content into {@code sink} in 64 KiB chunks, in offset order, with constant memory. When
     * {@code sinkHoldsOriginal} (the sink already holds the original content byte for byte), runs taken from the
     * original at their own offset are skipped, so a one-byte edit of a 2 GB document writes one chunk. The caller cuts
     * the sink to {@link #size()} afterwards. {@code cancelled} is polled between chunks; when it answers true this
     * throws {@link java.util.concurrent.CancellationException} and the sink holds a mix. Blocking, for a worker.
     *
     * @return bytes written to the sink
     */
    public long copyInto(PositionalSink sink, boolean sinkHoldsOriginal, BooleanSupplier cancelled)
            throws IOException {
        State s = state;
        byte[] addedNow = added;
        byte[] buf = new byte[64 * 1024];
        long written = 0;
        for (int i = 0; i < s.pieces.size(); i++) {
            Piece p = s.pieces.get(i);
            long at = s.starts[i];
            if (sinkHoldsOriginal && !p.added && p.start == at) {
                continue;
            }
            for (long done = 0; done < p.length; ) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled at byte " + (at + done));
                }
                int n = (int) Math.min(buf.length, p.length - done);
                if (p.added) {
                    System.arraycopy(addedNow, (int) (p.start + done), buf, 0, n);
                } else {
                    readFully(p.start + done, buf, 0, n);
                }
                sink.write(at + done, buf, n);
                done += n;
                written += n;
            }
        }
        return written;
    }

    /**
     * A stream over the content from {@code offset} to the end as it is now (a snapshot: later edits do not show);
     * reads pull 64 KiB at a time through {@link #read}, so memory stays constant. Blocking reads, for a worker.
     */
    public InputStream openStream(long offset) {
        State s = state;
        byte[] addedNow = added;
        return new InputStream() {
            private long pos = offset;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos >= s.size) {
                    return -1;
                }
                int n = readFrom(s, addedNow, pos, b, off, (int) Math.min(len, s.size - pos));
                pos += n;
                return n;
            }
        };
    }

    /** The whole content as an array; only for documents under 2 GB, blocking. */
    public byte[] toByteArray() throws IOException {
        long size = size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("document of " + size + " bytes does not fit in an array");
        }
        byte[] out = new byte[(int) size];
        int n = read(0, out, 0, out.length);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Reads the original through its remembered pages, fetching (and remembering) the missing ones. Worker. */
    private void readPaged(long pos, byte[] buf, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            long at = pos + done;
            long index = at / PAGE;
            int slot = (int) (index % SLOTS);
            Page page = pages.get(slot);
            if (page == null || page.index != index) {
                long start = index * PAGE;
                byte[] bytes = new byte[(int) Math.min(PAGE, original.size() - start)];
                readFully(start, bytes, 0, bytes.length);
                page = new Page(index, bytes);
                pages.set(slot, page);
            }
            int within = (int) (at - index * PAGE);
            int n = Math.min(len - done, page.bytes.length - within);
            System.arraycopy(page.bytes, within, buf, off + done, n);
            done += n;
        }
    }

    private void readFully(long pos, byte[] buf, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = original.read(pos + done, buf, off + done, len - done);
            if (n <= 0) {
                throw new IOException("original source ended at " + (pos + done));
            }
            done += n;
        }
    }

    private void addAdded(List<Piece> out, byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        if (addedLength + bytes.length > added.length) {
            added = Arrays.copyOf(added, Math.max(added.length * 2, addedLength + bytes.length));
        }
        System.arraycopy(bytes, 0, added, addedLength, bytes.length);
        out.add(new Piece(true, addedLength, bytes.length));
        addedLength += bytes.length;
    }

    private void apply(Step step, List<Piece> after) {
        undo.addLast(step);
        redo.clear();
        publish(after);
    }

    private void publish(List<Piece> pieces) {
        state = new State(pieces);
        version++;
    }

    /** Page {@code index} of the original (immutable once published). */
    private record Page(long index, byte[] bytes) {
    }

    /** A run of bytes taken from the original ({@code added == false}) or the typed-bytes buffer. */
    private record Piece(boolean added, long start, long length) {
    }

    private record Step(List<Piece> before, List<Piece> after, long offset) {
    }

    private static final class State {
        final List<Piece> pieces;
        final long[] starts;
        final long size;

        State(List<Piece> pieces) {
            this.pieces = List.copyOf(pieces);
            this.starts = new long[pieces.size()];
            long pos = 0;
            for (int i = 0; i < pieces.size(); i++) {
                starts[i] = pos;
                pos += pieces.get(i).length;
            }
            this.size = pos;
        }

        /** Index of the piece holding {@code offset}, or -1 when outside the content. */
        int pieceAt(long offset) {
            if (offset < 0 || offset >= size) {
                return -1;
            }
            int lo = 0;
            int hi = starts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= offset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }
}
