package org.dialoghook.internal.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bot's JWT secret as key bytes (the portal's string, UTF-8). Its text form never shows the value,
 * so it can sit in records and log lines without leaking.
 */
public final class Secret {

    /** Below this many bytes an HS256 key is shorter than its hash, and the start-up log warns. */
    public static final int RECOMMENDED_MIN_BYTES = 32;

    private final byte[] keyBytes;

    private Secret(byte[] keyBytes) {
        this.keyBytes = keyBytes;
    }

    /**
     * Makes a secret from the text shown in the portal.
     *
     * @param text the secret as configured
     * @return the secret
     */
    public static Secret of(String text) {
        return new Secret(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key bytes, a fresh copy.
     *
     * @return the UTF-8 bytes of the secret
     */
    public byte[] keyBytes() {
        return keyBytes.clone();
    }

    /**
     * The number of key bytes.
     *
     * @return the length
     */
    public int length() {
        return keyBytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && Arrays.equals(keyBytes, that.keyBytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keyBytes);
    }

    @Override
    public String toString() {
        return "Secret[" + keyBytes.length + " bytes, redacted]";
    }
}
