package org.odpsexplorer.sdk.internal.tunnel;

import java.util.List;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * An upload or download session as the tunnel reports it ({@code protocol/tunnel.md} §3).
 *
 * @param id          {@code UploadID} / {@code DownloadID}
 * @param status      {@code Status}, upper case ({@code NORMAL}, {@code CLOSED}, ...)
 * @param schema      the session's {@code Schema}: data columns are the record stream's columns
 * @param recordCount {@code RecordCount} of a download snapshot; -1 for uploads
 * @param blocks      {@code UploadedBlockList} block ids of an upload; empty for downloads
 */
public record TunnelSession(String id, String status, TableSchema schema, long recordCount, List<Long> blocks) {
    public TunnelSession {
        blocks = List.copyOf(blocks);
    }
}
