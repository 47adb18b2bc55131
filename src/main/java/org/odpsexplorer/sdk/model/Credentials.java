package org.odpsexplorer.sdk.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An AccessKey pair, optionally with an STS security token ({@code authorization-sts-token}). Immutable and thread-safe.
 * {@link #toString()} shows the key id only; the secret and token never appear in logs or messages.
 */
public final class Credentials {
    private final String accessKeyId;
    private final String accessKeySecret;
    private final @Nullable String securityToken;

    private Credentials(String accessKeyId, String accessKeySecret, @Nullable String securityToken) {
        this.accessKeyId = requireText(accessKeyId, "access key id");
        this.accessKeySecret = requireText(accessKeySecret, "access key secret");
        this.securityToken = securityToken;
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return value;
    }

    /** A long-lived AccessKey pair. */
    public static Credentials accessKey(String id, String secret) {
        return new Credentials(id, secret, null);
    }

    /** A temporary STS key pair with its security token. */
    public static Credentials sts(String id, String secret, String securityToken) {
        return new Credentials(id, secret, requireText(securityToken, "security token"));
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    /** The secret; for the signer only. */
    public String accessKeySecret() {
        return accessKeySecret;
    }

    /** The STS token, or null for a plain AccessKey. */
    public @Nullable String securityToken() {
        return securityToken;
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + (securityToken != null ? ", sts" : "") + "]";
    }
}
