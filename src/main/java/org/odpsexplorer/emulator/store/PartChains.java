package org.odpsexplorer.emulator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.Md5;

/**
 * The running MD5 of a chunked upload, carried from part to part ({@code protocol/rest.md} §7.6), so the merge knows the MD5 of
 * the whole without reading the parts again. Parts are named {@code <name>.part.tmp.<NNNNNN>} (Java SDK) or
 * {@code <name>.part.tmp.<RRRRRR>.<NNNNNN>} (PyODPS) and uploaded in order; part N continues the digest left by part
 * N-1 of the same name. A merge uses a chain only when it covers exactly the merge's part files in order (any other
 * order, a re-uploaded part, a missing link: the merge reads the parts instead), so a wrong guess costs time, never a
 * wrong answer. In memory only and bounded; a restart merely loses the shortcut. Thread-safe.
 *
 * <p>The upload request itself hashes its bytes once (its own MD5, which {@code Content-MD5} is checked against and the
 * part's metadata shows); continuing the running digest with a part after the first is a second pass, which runs on a
 * background thread from the published file (still in the page cache) while the client prepares and sends the next
 * part. A merge waits for the chain's last step.
 */
final class PartChains {
    private static final Pattern PART = Pattern.compile("(.*\\.part\\.tmp\\.(?:[0-9]+\\.)?)([0-9]{6,9})");
    private static final int MAX_CHAINS = 64;
    /** One thread for every store: the steps of a chain run in order anyway, and hashing is CPU-bound. */
    private static final Executor HASHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emulator-part-md5");
        t.setDaemon(true);
        return t;
    });

    /** Where a part's upload continues: the digest so far (null: start with the part's own) and the files it covers. */
    record Start(@Nullable CompletableFuture<MessageDigest> digest, List<String> ids) {
    }

    private record Chain(CompletableFuture<MessageDigest> digest, List<String> ids) {
    }

    private final Map<ResourceKey, Chain> chains = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ResourceKey, Chain> eldest) {
            return size() > MAX_CHAINS;
        }
    };

    /** Where the upload of {@code key} continues a chain, or null when it is no part or its predecessor is unknown. */
    synchronized @Nullable Start startFor(ResourceKey key) {
        Matcher m = PART.matcher(key.name());
        if (!m.matches()) {
            return null;
        }
        String digits = m.group(2);
        int index = Integer.parseInt(digits);
        if (index == 0) {
            return new Start(null, List.of());
        }
        String previous = m.group(1) + String.format("%0" + digits.length() + "d", index - 1);
        Chain chain = chains.get(key.withName(previous));
        return chain == null ? null : new Start(chain.digest(), chain.ids());
    }

    /**
     * After the part {@code key} committed as {@code contentId} (one file) with {@code ownDigest} (the unfinished MD5
     * of its own bytes): the chain now ends with it. The first part's chain is its own digest; a later part's is the
     * previous chain continued with the part's file on the background thread.
     */
    synchronized void record(ResourceKey key, Start start, @Nullable String contentId, MessageDigest ownDigest,
                             ContentFiles files) {
        if (contentId == null) {
            return;
        }
        List<String> ids = new ArrayList<>(start.ids());
        ids.add(contentId);
        CompletableFuture<MessageDigest> previous = start.digest();
        CompletableFuture<MessageDigest> digest = previous == null ? CompletableFuture.completedFuture(ownDigest)
                : previous.thenApplyAsync(d -> {
                    MessageDigest next = Md5.copy(d);
                    try {
                        files.digestInto(next, contentId);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // the part was replaced or removed: the chain is broken
                    }
                    return next;
                }, HASHER);
        chains.put(key, new Chain(digest, List.copyOf(ids)));
    }

    /**
     * The MD5 (lowercase hex) of the files {@code ids} when the chain ending at part {@code last} covers exactly them,
     * waiting for its last background step; null when no chain does or a step failed.
     */
    @Nullable String md5If(ResourceKey last, List<String> ids) {
        Chain chain;
        synchronized (this) {
            chain = chains.get(last);
        }
        if (chain == null || !chain.ids().equals(ids)) {
            return null;
        }
        try {
            return Md5.hex(Md5.copy(chain.digest().join()));
        } catch (CompletionException | CancellationException e) {
            return null;
        }
    }
}
