package org.odpsexplorer.sdk;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.Md5;

/**
 * The region an endpoint names, inferred by PyODPS's rule ({@code protocol/rest.md} §6.1), so that a client signs V4 against
 * the real service without being told the region. Pure and thread-safe.
 */
public final class Regions {
    /**
     * PyODPS never infers one region, which it names only by the MD5 of the name (V4 is not offered there); the same
     * check keeps us signing as PyODPS does.
     */
    private static final Set<String> NEVER_INFERRED_MD5 = Set.of("c5d35e2df0f61deff1dbc070dc5bc455");

    private Regions() {
    }

    /**
     * The region in a host such as {@code service.cn-hangzhou.maxcompute.aliyun.com} or
     * {@code service.cn-shanghai-vpc.maxcompute.aliyun-inc.com} ({@code -internal} / {@code -vpc} stripped), or null
     * when the endpoint names none (loopback, an IP address, {@code service.odps.aliyun.com}, a malformed URL).
     *
     * <p>The host must contain the labels {@code service}, then the region, then a product label of 4 to 10 letters,
     * then a 6-letter domain label optionally followed by {@code -inc}, then {@code com}; a region without a dash
     * ({@code service.odps...}) is no region.
     */
    public static @Nullable String fromEndpoint(@Nullable String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        String host;
        try {
            host = URI.create(endpoint.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return null; // not a URL: nothing to infer; the builder reports the bad endpoint itself
        }
        return host == null ? null : fromHost(host);
    }

    /** Like {@link #fromEndpoint} for a bare host name; host names are case-insensitive, the region is lower case. */
    public static @Nullable String fromHost(String host) {
        String[] labels = host.toLowerCase(Locale.ROOT).split("\\.", -1);
        for (int i = 0; i + 4 < labels.length; i++) {
            if (!labels[i].endsWith("service")
                    || !lettersOnly(labels[i + 2], 4, 10)
                    || !domainLabel(labels[i + 3])
                    || !labels[i + 4].startsWith("com")) {
                continue;
            }
            String region = labels[i + 1];
            if (region.isEmpty()) {
                continue;
            }
            for (String suffix : new String[] {"-internal", "-vpc"}) {
                if (region.endsWith(suffix)) {
                    region = region.substring(0, region.length() - suffix.length());
                    break;
                }
            }
            if (!region.contains("-")
                    || NEVER_INFERRED_MD5.contains(Md5.hex(region.getBytes(StandardCharsets.UTF_8)))) {
                return null;
            }
            return region;
        }
        return null;
    }

    private static boolean domainLabel(String label) {
        return lettersOnly(label.endsWith("-inc") ? label.substring(0, label.length() - 4) : label, 6, 6);
    }

    private static boolean lettersOnly(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
