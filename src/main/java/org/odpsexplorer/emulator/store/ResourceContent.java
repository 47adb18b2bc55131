package org.odpsexplorer.emulator.store;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An open content file with the metadata it belongs to. The file is immutable, so reads see one consistent version
 * even if the resource is updated meanwhile. The caller closes it.
 */
public record ResourceContent(ResourceRecord record, FileChannel channel) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
