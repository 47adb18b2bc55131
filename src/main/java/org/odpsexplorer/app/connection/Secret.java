package org.odpsexplorer.app.connection;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The secret half of a connection. {@link #toString} never shows it, so a stray log line can't leak it. */
public record Secret(String accessKey, @Nullable String stsToken) {
    public Secret {
        Objects.requireNonNull(accessKey, "accessKey == null");
        stsToken = stsToken == null || stsToken.isBlank() ? null : stsToken;
    }

    @Override
    public String toString() {
        return "Secret[accessKey=***" + (stsToken == null ? "" : ", stsToken=***") + "]";
    }
}
