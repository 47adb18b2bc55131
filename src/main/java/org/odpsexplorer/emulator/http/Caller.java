package org.odpsexplorer.emulator.http;

import java.util.Objects;

/**
 * Who sent an authenticated request.
 *
 * @param accessId the AccessKeyId, or {@code bearer} / {@code anonymous}
 * @param owner    the owner string stored as owner / last updator, e.g. {@code ALIYUN$ak@odps-explorer.local}
 */
public record Caller(String accessId, String owner) {
    public Caller {
        Objects.requireNonNull(accessId, "accessId");
        Objects.requireNonNull(owner, "owner");
    }

    /** The owner string of an access id. */
    public static Caller of(String accessId) {
        return new Caller(accessId, "ALIYUN$" + accessId + "@odps-explorer.local");
    }
}
