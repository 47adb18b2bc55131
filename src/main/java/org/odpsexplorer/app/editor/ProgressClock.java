package org.odpsexplorer.app.editor;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.TransferProgress;

/**
 * Turns the SDK's progress callbacks of one long operation (an open's spool, a save's upload) into a status line with
 * bytes, percent and time left, at most ten a second. {@link #start()} begins a new operation. Thread-safe: reports
 * come from a worker.
 */
final class ProgressClock {
    private static final long INTERVAL_NANOS = 100_000_000L;
    private volatile long started = System.nanoTime();
    private volatile long lastReport;
    private volatile TransferProgress.@Nullable Direction direction;

    /** Marks the start of a new operation: rates and time left are measured from here. */
    void start() {
        started = System.nanoTime();
        lastReport = 0;
        direction = null;
    }

    /** The status text for {@code p}, or null when the last one is less than 100 ms old (the last report passes). */
    @Nullable String report(TransferProgress p) {
        long now = System.nanoTime();
        boolean done = p.totalBytes() >= 0 && p.bytesDone() >= p.totalBytes();
        if (direction != p.direction()) {
            // a save uploads after its open downloaded: time the new direction from its own first report
            direction = p.direction();
            started = now;
        } else if (!done && now - lastReport < INTERVAL_NANOS) {
            return null;
        }
        lastReport = now;
        return text(p, (now - started) / 1e9);
    }

    /** {@code Uploading big.jar: 120.0 MB of 300.0 MB (40%), 3 s left}. */
    static String text(TransferProgress p, double elapsedSeconds) {
        String verb = p.direction() == TransferProgress.Direction.UPLOAD ? "Uploading " : "Downloading ";
        StringBuilder sb = new StringBuilder(verb).append(p.name()).append(": ").append(size(p.bytesDone()));
        if (p.totalBytes() < 0) {
            return sb.toString();
        }
        sb.append(" of ").append(size(p.totalBytes()))
                .append(String.format(Locale.ROOT, " (%d%%)", (int) Math.floor(p.fraction() * 100)));
        if (p.bytesDone() > 0 && p.bytesDone() < p.totalBytes() && elapsedSeconds > 0.5) {
            double left = elapsedSeconds * (p.totalBytes() - p.bytesDone()) / p.bytesDone();
            sb.append(", ").append(duration(left)).append(" left");
        }
        return sb.toString();
    }

    static String size(long bytes) {
        if (bytes >= 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
        }
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return bytes + " B";
    }

    static String duration(double seconds) {
        long s = Math.max(1, Math.round(seconds));
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60)
                + " min";
    }
}
