package org.odpsexplorer.emulator.store;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.Md5;

/**
 * The running MD5 of a chunked upload, carried from part to part ({@code rest.md} §7.6), so the merge knows the MD5 of
 * the whole without reading the parts again. Parts are named {@code <name>.part.tmp.<NNNNNN>} (Java SDK) or
 * {@code <name>.part.tmp.<RRRRRR>.<NNNNNN>} (PyODPS) and uploaded in order; part N continues the digest left by part
 * N-1 of the same name. A merge uses a chain only when it covers exactly the merge's part files in order (any other
 * order, a re-uploaded part, a missing link: the merge reads the parts instead), so a wrong guess costs time, never a
 * wrong answer. In memory only and bounded; a restart merely loses the shortcut. Thread-safe.
 */
final class PartChains {
    private static final Pattern PART = Pattern.compile("(.*\\.part\\.tmp\\.(?:[0-9]+\\.)?)([0-9]{6,9})");
    private static final int MAX_CHAINS = 64;

    /** Where a part's upload continues: the digest so far (null: start with the part's own) and the files it covers. */
    record Start(@Nullable MessageDigest digest, List<String> ids) {
    }

    private record Chain(MessageDigest digest, List<String> ids) {
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
        return chain == null ? null : new Start(Md5.copy(chain.digest()), chain.ids());
    }

    /** After the part {@code key} committed as {@code contentId}: the chain now ends with it. */
    synchronized void record(ResourceKey key, Start start, @Nullable String contentId, MessageDigest digest) {
        if (contentId == null) {
            return;
        }
        List<String> ids = new ArrayList<>(start.ids());
        ids.add(contentId);
        chains.put(key, new Chain(digest, List.copyOf(ids)));
    }

    /** The MD5 (lowercase hex) of the files {@code ids} when the chain ending at part {@code last} covers exactly them. */
    synchronized @Nullable String md5If(ResourceKey last, List<String> ids) {
        Chain chain = chains.get(last);
        if (chain == null || !chain.ids().equals(ids)) {
            return null;
        }
        return Md5.hex(Md5.copy(chain.digest()));
    }
}
