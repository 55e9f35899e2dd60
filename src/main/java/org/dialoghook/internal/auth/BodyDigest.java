package org.dialoghook.internal.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SHA-256 digest of a raw body, and the one reading of a digest written in a claim: 64 hex digits in either
 * case, or base64url with or without padding.
 */
public final class BodyDigest {

    private static final int HEX_LENGTH = 64;
    private static final int LENGTH = 32;

    private BodyDigest() {
    }

    /**
     * The SHA-256 digest of bytes.
     *
     * @param raw the bytes
     * @return the 32-byte digest
     */
    public static byte[] sha256(byte[] raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Reads a digest from a claim's text.
     *
     * @param text the claim's value
     * @return the 32 digest bytes, or empty when the text is no SHA-256 digest in hex or base64url
     */
    public static Optional<byte[]> decode(String text) {
        try {
            byte[] digest = isHex(text) ? HexFormat.of().parseHex(text) : Base64.getUrlDecoder().decode(text);
            return digest.length == LENGTH ? Optional.of(digest) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a claim's text is the digest of the bytes; compared in constant time.
     *
     * @param text the claim's value
     * @param digest the digest of the body
     * @return true when the text decodes to that digest
     */
    public static boolean matches(String text, byte[] digest) {
        return decode(text).filter(expected -> MessageDigest.isEqual(expected, digest)).isPresent();
    }

    /** Whether the text is 64 hexadecimal digits, either case; a loop, as a regex costs more than the digest. */
    private static boolean isHex(String text) {
        if (text.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!HexFormat.isHexDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
