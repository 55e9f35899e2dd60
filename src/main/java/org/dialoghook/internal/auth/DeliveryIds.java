package org.dialoghook.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** Makes the log-safe id of a delivery: the token's {@code jti} when it is plain, else a one-way hash. */
public final class DeliveryIds {

    private static final Pattern PLAIN_JTI = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private DeliveryIds() {
    }

    /**
     * The id of a delivery whose token carries this {@code jti}.
     *
     * @param jti the token's {@code jti}
     * @return the {@code jti} when it is up to 128 plain characters, else {@code j-} and its hash
     */
    public static String fromJti(String jti) {
        return PLAIN_JTI.matcher(jti).matches() ? jti : "j-" + hash(jti);
    }

    /**
     * The id of a delivery whose token has no {@code jti}: {@code t-} and a 128-bit hash of the token.
     * The token cannot be recovered from it.
     *
     * @param token the compact token
     * @return the id
     */
    public static String fromToken(String token) {
        return "t-" + hash(token);
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
