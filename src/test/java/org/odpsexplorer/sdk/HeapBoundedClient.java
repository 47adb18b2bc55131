package org.odpsexplorer.sdk;

import java.nio.file.Path;
import java.util.HexFormat;
import java.security.MessageDigest;
import org.odpsexplorer.wire.Md5;
import org.odpsexplorer.testing.GeneratedContent;

/**
 * Run in a separate JVM with a small heap by {@link HeapBoundedStreamingTest}: uploads a generated resource far larger
 * than the heap, streams it back through an {@code rb} handle, edits it through an {@code r+b} handle, and prints the
 * MD5s and the peak heap use. Arguments: endpoint, size in bytes, spool directory.
 */
public final class HeapBoundedClient {
    private HeapBoundedClient() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        long size = Long.parseLong(args[1]);
        Path spool = Path.of(args[2]);
        try (Odps odps = Odps.builder().endpoint(endpoint).project(TestService.PROJECT)
                .accessKey(TestService.ACCESS_ID, TestService.SECRET).tempDirectory(spool).build()) {
            Resource r = odps.createResource("huge.bin", "file", new GeneratedContent(size, 99));
            System.out.println("created " + r.size() + " " + r.md5());

            MessageDigest md5 = Md5.newDigest();
            long read = 0;
            try (ResourceFile fp = odps.openResource("huge.bin", "rb")) {
                byte[] chunk;
                while ((chunk = fp.readBytes(4 << 20)).length > 0) {
                    md5.update(chunk);
                    read += chunk.length;
                }
            }
            System.out.println("read " + read + " " + HexFormat.of().formatHex(md5.digest()));

            try (ResourceFile fp = odps.openResource("huge.bin", "r+b")) {
                fp.seek(size / 2);
                fp.write(new byte[] {'X', 'Y', 'Z'});
            }
            Resource edited = odps.getResource("huge.bin");
            System.out.println("edited " + edited.size() + " " + edited.md5());
        }
        SmallHeapJvm.printPeakHeap();
    }
}
