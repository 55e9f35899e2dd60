package org.dialoghook.internal.auth;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jose4j.base64url.Base64Url;

/** Makes the log-safe id of a delivery: the token's {@code jti} when it is plain, else a one-way hash. */
public final class DeliveryIds {

    private static final int MAX_PLAIN_LENGTH = 128;

    private DeliveryIds() {
    }

    /**
     * The id of a delivery whose token carries this {@code jti}.
     *
     * @param jti the token's {@code jti}
     * @return the {@code jti} when it is up to 128 plain characters, else {@code j-} and its hash
     */
    public static String fromJti(String jti) {
        return isPlain(jti) ? jti : "j-" + hash(jti);
    }

    /** Whether the text is 1 to 128 of {@code A-Z a-z 0-9 . _ : -}; a loop, as a regex costs more than the rest. */
    private static boolean isPlain(String jti) {
        if (jti.isEmpty() || jti.length() > MAX_PLAIN_LENGTH) {
            return false;
        }
        for (int i = 0; i < jti.length(); i++) {
            char c = jti.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /**
     * The id of a delivery: from the token's {@code jti} when it is a string, else from the whole token.
     *
     * @param jti the token's {@code jti} claim, or {@code null} when it has none
     * @param token the compact token
     * @return the id
     */
    public static String of(JsonValue jti, String token) {
        return jti instanceof JsonString text ? fromJti(text.getString()) : fromToken(token);
    }

    /**
     * The id of a delivery whose token has no {@code jti}: {@code t-} and a 128-bit hash of the token, its
     * signature spelled as base64url spells the signature's bytes. The token cannot be recovered from it.
     *
     * @param token the compact token
     * @return the id
     */
    public static String fromToken(String token) {
        return "t-" + hash(withCanonicalSignature(token));
    }

    /**
     * jose4j decodes a signature leniently: it skips characters outside the base64url alphabet and ignores the
     * unused low bits of the last character. One signed token can therefore be written in many ways that all verify;
     * spelled the one way, they are one delivery, and a copy cannot pass for a new one.
     */
    private static String withCanonicalSignature(String token) {
        int dot = token.lastIndexOf('.');
        if (dot < 0) {
            return token;
        }
        String signature = token.substring(dot + 1);
        byte[] bytes;
        try {
            // the JDK's decoder reads a clean signature as jose4j does, unused bits ignored, at a fraction of the cost
            bytes = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException notClean) {
            try {
                bytes = Base64Url.decode(signature);
            } catch (RuntimeException e) {
                return token;
            }
        }
        return token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
