package org.odpsexplorer.app.archive;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceOptions;

/**
 * Child-JVM side of {@link ArchiveReaderTest}'s heap test: lists a tar.gz resource with {@link ArchiveReader} and
 * prints what it found and the peak heap. Arguments: endpoint, project, access id, secret, resource name.
 */
public final class TarListingClient {
    private TarListingClient() {
    }

    public static void main(String[] args) throws Exception {
        try (Odps odps = Odps.builder().endpoint(args[0]).project(args[1]).accessKey(args[2], args[3]).build();
             ArchiveReader reader = new ArchiveReader(odps, args[4], ArchiveFormat.TAR_GZ)) {
            ArchiveListing listing = reader.list(ResourceOptions.defaults());
            System.out.println("entries " + listing.entries().size());
            System.out.println("total " + listing.totalSize());
            System.out.println("problem " + listing.problem());
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("peakHeap " + peak + " max " + Runtime.getRuntime().maxMemory());
    }
}
