package org.odpsexplorer.sdk.model;

/**
 * One progress report of a transfer.
 *
 * @param direction  download or upload
 * @param name       the resource being transferred
 * @param bytesDone  bytes moved so far in this direction
 * @param totalBytes expected total, or -1 when unknown
 */
public record TransferProgress(Direction direction, String name, long bytesDone, long totalBytes) {
    /** Which way the bytes go. */
    public enum Direction { DOWNLOAD, UPLOAD }

    /** Completed fraction in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        if (totalBytes < 0) {
            return -1;
        }
        return totalBytes == 0 ? 1.0 : Math.min(1.0, (double) bytesDone / totalBytes);
    }
}
