package org.odpsexplorer.sdk.model;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options for creating, updating, opening and downloading resources. Immutable; start from {@link #defaults()} and
 * chain the {@code with...} methods: {@code ResourceOptions.defaults().withComment("v2").withProgress(l)}.
 *
 * @param comment  comment sent with creates/updates ({@code x-odps-comment}); null sends none (the server keeps the
 *                 old comment on updates); no line breaks (it travels in a header)
 * @param temp     create/update a temp resource (hidden from listings)
 * @param encoding text encoding of text-mode handles and of {@code String} content; default UTF-8
 * @param type     type used when a handle opened with {@code w}/{@code w+} creates a missing resource; default FILE
 * @param force    handles: skip the safe-save check on every flush and overwrite whatever the server has
 * @param progress progress of every transfer done with these options
 * @param cancel   cancellation signal for those transfers, or null
 */
public record ResourceOptions(@Nullable String comment, boolean temp, Charset encoding, ResourceType type,
                              boolean force, TransferListener progress, @Nullable CancelSignal cancel) {
    private static final ResourceOptions DEFAULTS = new ResourceOptions(null, false, StandardCharsets.UTF_8,
            ResourceType.FILE, false, TransferListener.NONE, null);

    public ResourceOptions {
        if (comment != null && comment.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            // the comment travels in an HTTP header, where a line break would end it
            throw new IllegalArgumentException("a resource comment cannot contain line breaks or NUL");
        }
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(progress, "progress");
    }

    /** No comment, not temp, UTF-8, type FILE, safe save on, no progress, no cancel. */
    public static ResourceOptions defaults() {
        return DEFAULTS;
    }

    public ResourceOptions withComment(@Nullable String newComment) {
        return new ResourceOptions(newComment, temp, encoding, type, force, progress, cancel);
    }

    public ResourceOptions withTemp(boolean newTemp) {
        return new ResourceOptions(comment, newTemp, encoding, type, force, progress, cancel);
    }

    public ResourceOptions withEncoding(Charset newEncoding) {
        return new ResourceOptions(comment, temp, newEncoding, type, force, progress, cancel);
    }

    public ResourceOptions withType(ResourceType newType) {
        return new ResourceOptions(comment, temp, encoding, newType, force, progress, cancel);
    }

    public ResourceOptions withForce(boolean newForce) {
        return new ResourceOptions(comment, temp, encoding, type, newForce, progress, cancel);
    }

    public ResourceOptions withProgress(TransferListener newProgress) {
        return new ResourceOptions(comment, temp, encoding, type, force, newProgress, cancel);
    }

    public ResourceOptions withCancel(@Nullable CancelSignal newCancel) {
        return new ResourceOptions(comment, temp, encoding, type, force, progress, newCancel);
    }
}
