package org.dialoghook.internal.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.dialoghook.internal.config.BodyLimits;
import org.dialoghook.internal.config.BodyBindingMode;
import org.dialoghook.internal.delivery.DeliveryBody;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.junit.jupiter.api.Test;

class BodyBindingTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final DeliveryBodyReader READER = new DeliveryBodyReader(JSON,
            List.of("/handler", "/handlerName", "/handler-name", "/handler_name"), BodyLimits.DEFAULTS);
    private static final String BODY = "{\"handler\":\"echo\",\"formValues\":{\"name\":\"Zoë\",\"age\":{\"value\":42}}}";
    private static final byte[] RAW = BODY.getBytes(StandardCharsets.UTF_8);
    private static final byte[] DIGEST = BodyDigest.sha256(RAW);

    private static BodyBinding binding(BodyBindingMode mode) {
        return new BodyBinding(mode, "body_sha256", READER, JSON);
    }

    private static JsonObject claims(String json) {
        return Json.createReader(new java.io.StringReader(json)).readObject();
    }

    private static byte[] sha256(byte[] raw) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(raw);
    }

    private static DeliveryBody body() throws Exception {
        return READER.read(RAW);
    }

    private static String reasonOf(org.junit.jupiter.api.function.Executable check) {
        return assertThrows(InvalidTokenException.class, check).getMessage();
    }

    @Test
    void autoAcceptsEveryEncodingOfTheRightHash() throws Exception {
        byte[] digest = sha256(RAW);
        for (String encoded : List.of(HexFormat.of().formatHex(digest), HexFormat.of().withUpperCase().formatHex(digest),
                Base64.getUrlEncoder().withoutPadding().encodeToString(digest),
                Base64.getUrlEncoder().encodeToString(digest))) {
            assertDoesNotThrow(() -> binding(BodyBindingMode.AUTO)
                    .checkHash(claims("{\"body_sha256\":\"" + encoded + "\"}"), DIGEST), encoded);
        }
    }

    @Test
    void autoRefusesAHashOfAnotherBody() throws Exception {
        String other = HexFormat.of().formatHex(sha256("{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("The body does not match the token's 'body_sha256' claim.", reasonOf(() ->
                binding(BodyBindingMode.AUTO).checkHash(claims("{\"body_sha256\":\"" + other + "\"}"), DIGEST)));
    }

    @Test
    void aHashClaimThatIsNoDigestIsRefused() {
        for (String claim : List.of("\"abc\"", "42", "\"" + "g".repeat(64) + "\"", "\"AAAA\"")) {
            assertEquals("The 'body_sha256' claim is not a SHA-256 digest in hex or base64url.", reasonOf(() ->
                    binding(BodyBindingMode.AUTO).checkHash(claims("{\"body_sha256\":" + claim + "}"), DIGEST)), claim);
        }
    }

    @Test
    void autoWithNoBindingClaimsReliesOnTheSignature() throws Exception {
        JsonObject claims = claims("{\"iat\":1}");
        assertDoesNotThrow(() -> binding(BodyBindingMode.AUTO).checkHash(claims, DIGEST));
        assertDoesNotThrow(() -> binding(BodyBindingMode.AUTO).checkClaims(claims, body()));
    }

    @Test
    void hashModeRequiresTheClaim() {
        assertEquals("The token carries no 'body_sha256' claim, which body binding 'hash' requires.",
                reasonOf(() -> binding(BodyBindingMode.HASH).checkHash(claims("{}"), DIGEST)));
    }

    @Test
    void theHashClaimNameIsASetting() throws Exception {
        BodyBinding custom = new BodyBinding(BodyBindingMode.HASH, "bh", READER, JSON);
        String hex = HexFormat.of().formatHex(sha256(RAW));
        assertDoesNotThrow(() -> custom.checkHash(claims("{\"bh\":\"" + hex + "\"}"), DIGEST));
    }

    @Test
    void autoComparesClaimedBodyFieldsIgnoringOrderAndValueWrapping() throws Exception {
        JsonObject same = claims("{\"handler\":\"echo\",\"formValues\":{\"age\":42,\"name\":{\"value\":\"Zoë\"}}}");
        assertDoesNotThrow(() -> binding(BodyBindingMode.AUTO).checkClaims(same, body()));
    }

    @Test
    void autoRefusesAClaimedHandlerThatDiffers() {
        assertEquals("The body's handler name differs from the one in the token's claims.", reasonOf(() ->
                binding(BodyBindingMode.AUTO).checkClaims(claims("{\"handlerName\":\"admin\"}"), body())));
    }

    @Test
    void autoRefusesClaimedFormValuesThatDiffer() {
        assertEquals("The body's form values differ from those in the token's claims.", reasonOf(() ->
                binding(BodyBindingMode.AUTO).checkClaims(claims("{\"formValues\":{\"name\":\"Zoe\",\"age\":42}}"), body())));
        assertEquals("The body's form values differ from those in the token's claims.", reasonOf(() ->
                binding(BodyBindingMode.AUTO).checkClaims(claims("{\"formValues\":[]}"), body())));
    }

    @Test
    void autoChecksEveryBindingTheClaimsCarry() throws Exception {
        String hex = HexFormat.of().formatHex(sha256(RAW));
        JsonObject both = claims("{\"body_sha256\":\"" + hex + "\",\"handler\":\"other\"}");
        assertDoesNotThrow(() -> binding(BodyBindingMode.AUTO).checkHash(both, DIGEST));
        assertThrows(InvalidTokenException.class, () -> binding(BodyBindingMode.AUTO).checkClaims(both, body()));
    }

    @Test
    void claimsModeRequiresTheHandlerAndTheWholeForm() throws Exception {
        assertEquals("The token's claims name no handler, which body binding 'claims' requires.", reasonOf(() ->
                binding(BodyBindingMode.CLAIMS).checkClaims(claims("{\"formValues\":{}}"), body())));
        assertEquals("The body's form values differ from those in the token's claims.", reasonOf(() ->
                binding(BodyBindingMode.CLAIMS).checkClaims(claims("{\"handler\":\"echo\"}"), body())));
        assertDoesNotThrow(() -> binding(BodyBindingMode.CLAIMS).checkClaims(
                claims("{\"handler\":\"echo\",\"formValues\":{\"name\":\"Zoë\",\"age\":42}}"), body()));
    }

    @Test
    void claimsModeIgnoresAHashClaim() {
        assertDoesNotThrow(() -> binding(BodyBindingMode.CLAIMS).checkHash(claims("{\"body_sha256\":\"00\"}"), DIGEST));
    }

    @Test
    void signatureOnlyChecksNoBinding() throws Exception {
        JsonObject mismatching = claims("{\"body_sha256\":\"00\",\"handler\":\"other\",\"formValues\":{}}");
        assertDoesNotThrow(() -> binding(BodyBindingMode.SIGNATURE_ONLY).checkHash(mismatching, DIGEST));
        assertDoesNotThrow(() -> binding(BodyBindingMode.SIGNATURE_ONLY).checkClaims(mismatching, body()));
    }
}
