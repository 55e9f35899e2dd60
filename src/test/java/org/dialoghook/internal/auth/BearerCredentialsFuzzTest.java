package org.dialoghook.internal.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dialoghook.internal.delivery.DeliveryRefusedException;
import org.dialoghook.internal.delivery.ProblemKind;

/**
 * Fuzzes the one reader of the {@code Authorization} header with header values nobody chose.
 *
 * <p>An input is text, one header value per line ({@code \n}); an empty input is a request without the header.
 * The bytes are read as UTF-8 when they are valid UTF-8, else as ISO-8859-1, as servers decode header bytes. The
 * properties: only {@link DeliveryRefusedException} escapes, with the kind {@code missing-token} or
 * {@code invalid-token}; a returned token is one token (no space, comma or control character, nothing around
 * it); a refusal's message never repeats the header value.
 */
class BearerCredentialsFuzzTest {

    @FuzzTest
    void token(byte[] input) {
        String text = headerText(input);
        List<String> authorization = text.isEmpty() ? null : Arrays.asList(text.split("\n", -1));
        check(authorization);
        if (authorization == null) {
            check(List.of());
        }
    }

    private static void check(List<String> authorization) {
        String token;
        try {
            token = BearerCredentials.token(authorization == null ? null : new ArrayList<>(authorization));
        } catch (DeliveryRefusedException refused) {
            assertTrue(refused.kind() == ProblemKind.MISSING_TOKEN || refused.kind() == ProblemKind.INVALID_TOKEN,
                    () -> "refused with " + refused.kind());
            for (String value : authorization == null ? List.<String>of() : authorization) {
                assertNotRepeated(refused.getMessage(), value.strip());
                assertNotRepeated(refused.getMessage(), credentials(value));
            }
            return;
        }
        assertTrue(authorization != null && authorization.size() == 1, "a token from exactly one header");
        assertFalse(token.isEmpty(), "an empty token");
        token.codePoints().forEach(c -> assertFalse(c == ',' || Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c), () -> "the token holds U+" + Integer.toHexString(c)));
        assertTrue(authorization.get(0).contains(token), "the token comes from the header");
    }

    /** The value after its first space: what the sender meant as credentials. */
    private static String credentials(String value) {
        String stripped = value.strip();
        int space = stripped.indexOf(' ');
        return space < 0 ? stripped : stripped.substring(space + 1).strip();
    }

    /**
     * Fails when the message repeats a piece of the header. Pieces of letters, spaces and full stops only are not
     * checked: the fixed wording of a reason is made of those and may hold such a piece by chance.
     */
    private static void assertNotRepeated(String message, String piece) {
        boolean telling = piece.length() >= 4
                && piece.chars().anyMatch(c -> !Character.isLetter(c) && c != ' ' && c != '.');
        if (telling) {
            assertFalse(message.contains(piece), () -> "the message repeats the header: " + message);
        }
    }

    /** The input as a header's text: UTF-8 when it is valid UTF-8, else one character per byte. */
    static String headerText(byte[] input) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(input)).toString();
        } catch (CharacterCodingException e) {
            return new String(input, StandardCharsets.ISO_8859_1);
        }
    }
}
