package org.dialoghook.internal.auth;

import java.util.List;
import org.dialoghook.internal.delivery.DeliveryRefusedException;
import org.dialoghook.internal.delivery.ProblemKind;

/**
 * The one reader of the {@code Authorization} header (RFC 6750 s.2.1): exactly one header, the scheme
 * {@code Bearer} in any case, and one token without white space, commas or control characters (a header's bytes
 * 0x7F to 0x9F read as ISO-8859-1 are control characters too).
 */
public final class BearerCredentials {

    private static final String PREFIX = "bearer ";

    private BearerCredentials() {
    }

    /**
     * The token of a request.
     *
     * @param authorization the values of the request's {@code Authorization} headers, or {@code null}
     * @return the compact token
     * @throws DeliveryRefusedException {@link ProblemKind#MISSING_TOKEN} when the request carries no Bearer
     *         credentials, {@link ProblemKind#INVALID_TOKEN} when it carries more than one header or a value that
     *         is not exactly one token
     */
    public static String token(List<String> authorization) {
        if (authorization == null || authorization.isEmpty()) {
            throw new DeliveryRefusedException(ProblemKind.MISSING_TOKEN, "The request carries no Bearer token.");
        }
        if (authorization.size() > 1) {
            throw new DeliveryRefusedException(ProblemKind.INVALID_TOKEN,
                    "The request carries more than one Authorization header.");
        }
        String value = authorization.get(0).strip();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new DeliveryRefusedException(ProblemKind.MISSING_TOKEN, "The request carries no Bearer token.");
        }
        String token = value.substring(PREFIX.length()).strip();
        if (token.isEmpty() || hasSeparator(token)) {
            throw new DeliveryRefusedException(ProblemKind.INVALID_TOKEN,
                    "The Authorization header does not hold exactly one Bearer token.");
        }
        return token;
    }

    private static boolean hasSeparator(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c == ',' || Character.isISOControl(c) || Character.isWhitespace(c)
                    || Character.isSpaceChar(c)) {
                return true;
            }
        }
        return false;
    }
}
