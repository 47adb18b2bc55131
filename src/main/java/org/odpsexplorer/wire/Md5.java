package org.odpsexplorer.wire;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one MD5 helper of both sides: the protocol writes MD5 as 32 lowercase hex digits ({@code Content-MD5} of a
 * resource, the merge body of a multipart upload). Hex itself is {@link HexFormat}.
 */
public final class Md5 {
    /** MD5 of no bytes. */
    public static final String EMPTY = "d41d8cd98f00b204e9800998ecf8427e";

    private Md5() {
    }

    /** A fresh MD5 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** The MD5 of {@code bytes} as lowercase hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** Finishes {@code digest} (which resets it) and returns the result as lowercase hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** An independent copy of a running digest, to read an intermediate result or continue from it twice. */
    public static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's MD5 can be cloned", e);
        }
    }
}
