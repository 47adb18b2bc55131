package org.odpsexplorer.app.grid;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import java.util.concurrent.CancellationException;
import org.odpsexplorer.wire.tunnel.Column;

/**
 * Writes records as RFC 4180 CSV, streaming page by page from a {@link RecordPager} so a partition of any size
 * needs one page of memory. NULL is an empty field; other values are {@link ValueText#export} text (dates in the
 * chosen zone, decimals exact, undecodable strings as {@code x'..'}). The file is written next to the target and
 * moved into place when complete, so a cancelled or failed export leaves no partial file. Blocking; run on a worker.
 */
public final class CsvExport {
    /** Rows read per request while exporting. */
    static final int PAGE = 5_000;

    /**
     * @param header    write the column names first
     * @param delimiter {@code ,}, {@code ;} or tab
     * @param charset   output encoding; characters it cannot encode become {@code ?}
     * @param zone      zone DATETIME / TIMESTAMP values are written in
     */
    public record Options(boolean header, char delimiter, Charset charset, ZoneId zone) {
        public Options {
            Objects.requireNonNull(charset, "charset");
            Objects.requireNonNull(zone, "zone");
        }
    }

    private CsvExport() {
    }

    /**
     * Exports {@code [0, pager.count())} to {@code target}.
     *
     * @param progress receives the number of rows written so far (after each page)
     * @param cancelled polled between pages; when true the export stops with {@link CancellationException}
     * @return rows written
     */
    public static long exportAll(RecordPager pager, List<Column> columns, Options options, Path target,
                                 LongConsumer progress, BooleanSupplier cancelled) throws IOException {
        return writeAtomically(target, options, columns, out -> {
            long total = pager.count();
            long done = 0;
            while (done < total) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("export cancelled after " + done + " rows");
                }
                List<List<@Nullable Object>> page = pager.read(done, (int) Math.min(PAGE, total - done));
                if (page.isEmpty()) {
                    throw new IOException("the reader returned no rows at " + done + " of " + total);
                }
                for (List<@Nullable Object> row : page) {
                    writeRow(out, row, options);
                }
                done += page.size();
                progress.accept(done);
            }
            return done;
        });
    }

    /** Exports rows already in memory (a selection of the grid). */
    public static long exportRows(List<List<@Nullable Object>> rows, List<Column> columns, Options options,
                                  Path target) throws IOException {
        return writeAtomically(target, options, columns, out -> {
            for (List<@Nullable Object> row : rows) {
                writeRow(out, row, options);
            }
            return rows.size();
        });
    }

    private interface Body {
        long write(Writer out) throws IOException;
    }

    private static long writeAtomically(Path target, Options options, List<Column> columns, Body body)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        boolean done = false;
        try {
            long rows;
            try (OutputStream file = Files.newOutputStream(tmp);
                 Writer out = new BufferedWriter(new OutputStreamWriter(file, options.charset().newEncoder()
                         .onMalformedInput(CodingErrorAction.REPLACE)
                         .onUnmappableCharacter(CodingErrorAction.REPLACE)), 64 * 1024)) {
                if (options.header()) {
                    List<String> names = new ArrayList<>(columns.size());
                    columns.forEach(c -> names.add(c.name()));
                    Csv.writeRecord(out, names, options.delimiter());
                }
                rows = body.write(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return rows;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void writeRow(Writer out, List<@Nullable Object> row, Options options) throws IOException {
        List<String> fields = new ArrayList<>(row.size());
        for (Object v : row) {
            fields.add(v == null ? "" : ValueText.export(v, options.zone()));
        }
        Csv.writeRecord(out, fields, options.delimiter());
    }
}
