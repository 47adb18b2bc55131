package org.odpsexplorer.app.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.odpsexplorer.testing.GeneratedContent;

/** Test archives, written to files with Commons Compress (streamed: the big ones never sit in memory). */
final class ArchiveFixtures {
    static final String SETTINGS_PY = "# settings\nNAME = 'big'\nVALUES = [1, 2, 3]\n";
    static final String MAIN_CLASS = "com.example.BigUdf";

    private ArchiveFixtures() {
    }

    /**
     * A jar of {@code blocks} stored (uncompressed) entries of 1 MiB each (one repeated random buffer, so the CRC is
     * computed once), a manifest first and a small text entry last: a {@code blocks} MiB file whose central
     * directory is about 60 bytes per entry.
     */
    static Path bigJar(Path file, int blocks) throws IOException {
        byte[] block = new GeneratedContent(1024 * 1024, 7).readAllBytes();
        CRC32 crc = new CRC32();
        crc.update(block);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
             ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            putText(zip, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMain-Class: " + MAIN_CLASS
                    + "\r\nCreated-By: ArchiveFixtures\r\n\r\n");
            for (int i = 0; i < blocks; i++) {
                ZipArchiveEntry e = new ZipArchiveEntry(String.format("data/part-%04d.bin", i));
                e.setMethod(ZipMethod.STORED.getCode());
                e.setSize(block.length);
                e.setCompressedSize(block.length);
                e.setCrc(crc.getValue());
                zip.putArchiveEntry(e);
                zip.write(block);
                zip.closeArchiveEntry();
            }
            putText(zip, "config/", null);
            putText(zip, "config/settings.py", SETTINGS_PY);
        }
        return file;
    }

    /** A small zip with the given text entries (a null value makes a folder entry), deflated. */
    static Path zip(Path file, Map<String, String> entries) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                putText(zip, e.getKey(), e.getValue());
            }
        }
        return file;
    }

    private static void putText(ZipArchiveOutputStream zip, String name, String text) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        zip.putArchiveEntry(e);
        if (text != null) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        zip.closeArchiveEntry();
    }

    /** A zip bomb: one deflated entry of {@code size} zero bytes (about a thousandth of that on disk). */
    static Path zipBomb(Path file, long size) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
            zip.putArchiveEntry(new ZipArchiveEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (long left = size; left > 0; left -= zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            zip.closeArchiveEntry();
            putText(zip, "readme.txt", "not a bomb\n");
        }
        return file;
    }

    /**
     * A tar ({@code gzip}: tar.gz at the fastest level) of {@code entries} entries of {@code entrySize} pseudo-random
     * bytes each ({@link GeneratedContent} with seed = index), named {@code blob-NNN.bin}.
     */
    static Path tar(Path file, int entries, long entrySize, boolean gzip) throws IOException {
        GzipParameters fast = new GzipParameters();
        fast.setCompressionLevel(Deflater.BEST_SPEED);
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
             OutputStream body = gzip ? new GzipCompressorOutputStream(raw, fast) : raw;
             TarArchiveOutputStream tar = new TarArchiveOutputStream(body)) {
            for (int i = 0; i < entries; i++) {
                TarArchiveEntry e = new TarArchiveEntry(String.format("blobs/blob-%03d.bin", i));
                e.setSize(entrySize);
                tar.putArchiveEntry(e);
                try (InputStream in = new GeneratedContent(entrySize, i)) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
            }
            TarArchiveEntry text = new TarArchiveEntry("blobs/README.txt");
            byte[] readme = "tar readme\n".getBytes(StandardCharsets.UTF_8);
            text.setSize(readme.length);
            tar.putArchiveEntry(text);
            tar.write(readme);
            tar.closeArchiveEntry();
        }
        return file;
    }
}
