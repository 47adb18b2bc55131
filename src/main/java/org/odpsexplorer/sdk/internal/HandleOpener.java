package org.odpsexplorer.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.FileMode;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.ResourceConflictException;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceNames;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.TransferProgress;
import org.odpsexplorer.wire.Md5;

/**
 * Prepares the storage of a new {@code ResourceFile}: an empty spool for {@code w} modes, a streaming store for large
 * read-only handles, else the whole content loaded into a spool (decoded for text) together with the metadata it
 * matches.
 */
public final class HandleOpener {
    private static final int MAX_LOAD_ATTEMPTS = 3;

    private HandleOpener() {
    }

    /**
     * The storage and the baseline metadata (null: the resource does not exist yet).
     *
     * @param store    owned by the caller from now on
     * @param baseline what the content was loaded from
     */
    public record Opened(ByteStore store, @Nullable ResourceInfo baseline) {
    }

    /**
     * @throws org.odpsexplorer.sdk.model.NoSuchObjectException when a mode that loads content finds no resource
     * @throws UnsupportedOperationException for kinds without content
     */
    public static Opened open(ResourceApi api, ClientConfig config, String name, FileMode mode,
                              ResourceOptions options) {
        if (mode.truncating()) {
            ResourceInfo existing = api.find(name);
            if (existing != null) {
                requireContent(existing);
            } else {
                ResourceNames.checkForCreate(name, options.type());
                if (!options.type().hasContent()) {
                    throw new IllegalArgumentException("cannot create a " + options.type() + " resource by writing");
                }
            }
            return new Opened(newSpool(config), existing);
        }
        for (int attempt = 1; ; attempt++) {
            ResourceInfo info = api.meta(name);
            requireContent(info);
            if (!mode.writable() && info.size() > config.spoolThreshold()) {
                return new Opened(new StreamingStore(api, name, info.size(),
                        mode.binary() ? null : options.encoding(), options), info);
            }
            Spool spool = newSpool(config);
            try {
                String md5 = load(api, name, info, mode, options, spool);
                if ((info.md5() == null || md5.equals(info.md5()))
                        && (info.size() < 0 || !mode.binary() || spool.size() == info.size())) {
                    return new Opened(spool, info);
                }
                // the content changed between the meta and the content request: load again so baseline == content
                spool.close();
                if (attempt == MAX_LOAD_ATTEMPTS) {
                    throw new ResourceConflictException(name, info, api.find(name), "GET " + name + " (open)");
                }
            } catch (RuntimeException e) {
                spool.close();
                throw e;
            }
        }
    }

    private static void requireContent(ResourceInfo info) {
        if (!info.type().hasContent()) {
            throw new UnsupportedOperationException("a " + info.type() + " resource has no content to open: "
                    + info.name());
        }
    }

    private static Spool newSpool(ClientConfig config) {
        return new Spool(config.spoolThreshold(), config.tempDirectory());
    }

    /** Downloads the whole content into the spool (decoded for text); returns the MD5 of the raw bytes. */
    private static String load(ResourceApi api, String name, ResourceInfo info, FileMode mode,
                               ResourceOptions options, Spool spool) {
        ResourceApi.Progress progress = new ResourceApi.Progress(options, TransferProgress.Direction.DOWNLOAD,
                name, info.size());
        MessageDigest md5 = Md5.newDigest();
        try (RangedInputStream ranged = api.openContent(name, 0, progress, options.cancel());
             InputStream in = new DigestInputStream(ranged, md5)) {
            if (mode.binary()) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    spool.write(spool.size(), buf, 0, n);
                }
            } else {
                TextCodec.decodeInto(in, options.encoding(), spool, name);
            }
        } catch (IOException e) {
            throw new OdpsTransportException("GET " + name + " (open)", e);
        }
        progress.finish();
        return Md5.hex(md5);
    }
}
