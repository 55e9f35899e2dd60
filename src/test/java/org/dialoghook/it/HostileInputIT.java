package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.dialoghook.it.handlers.ContactForm;
import org.dialoghook.it.handlers.InspectHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Hostile bytes at a running server: the bodies and Authorization headers of the fuzz tests' committed corpora,
 * and bodies within the size limit that a sender with a valid token could send
 * (nesting thousands of levels deep, numbers of thousands of digits or huge exponents, thousands of members,
 * repeated names, escapes of lone surrogates and control characters), hostile claims and headers. Every answer is a
 * documented status with problem+json, none is a 5xx, and the server answers a normal delivery afterwards.
 */
class HostileInputIT extends WebhookIT {

    private static final Set<Integer> DOCUMENTED = Set.of(200, 400, 401, 404, 413, 415);

    @Deployment
    static WebArchive deployment() {
        return receiver("hostile", withSecret(), InspectHandler.class, ContactForm.class);
    }

    /** Bodies a sender with a valid token could send, each signed as the platform would sign it. */
    private static Map<String, String> hostileBodies() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("arrays 50000 deep", "{\"handler\":\"inspect\",\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}");
        bodies.put("objects 20000 deep", "{\"handler\":\"inspect\",\"a\":" + "{\"a\":".repeat(20_000) + "1"
                + "}".repeat(20_000) + "}");
        bodies.put("unclosed nesting", "{\"handler\":\"inspect\",\"a\":" + "[".repeat(100_000));
        bodies.put("a form number of 5000 digits", "{\"handler\":\"inspect\",\"formValues\":{\"n\":"
                + "9".repeat(5000) + "}}");
        bodies.put("a number of 1000 digits as a value object", "{\"handler\":\"inspect\",\"formValues\":{\"n\":{\"value\":"
                + "1".repeat(1000) + "}}}");
        bodies.put("a huge exponent", "{\"handler\":\"inspect\",\"formValues\":{\"n\":1e999999999}}");
        bodies.put("a tiny exponent", "{\"handler\":\"inspect\",\"formValues\":{\"n\":1e-999999999}}");
        bodies.put("an age that no int holds", "{\"handler\":\"inspect\",\"formValues\":{\"age\":1e300}}");
        StringBuilder members = new StringBuilder("{\"handler\":\"inspect\",\"formValues\":{");
        for (int i = 0; i < 20_000; i++) {
            members.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":1");
        }
        bodies.put("20000 form values", members.append("}}").toString());
        bodies.put("a repeated name", "{\"handler\":\"inspect\",\"handler\":\"other\"}");
        bodies.put("a lone surrogate escaped", "{\"handler\":\"inspect\",\"formValues\":{\"x\":\"\\ud800\"}}");
        bodies.put("a control character in the handler name", "{\"handler\":\"insp\\u0000ect\"}");
        bodies.put("a NUL byte outside strings", "{\"handler\":\"inspect\"}\u0000");
        bodies.put("two values", "{\"handler\":\"inspect\"}{\"handler\":\"inspect\"}");
        bodies.put("a scalar", "12345678901234567890123456789");
        bodies.put("nothing", "");
        return bodies;
    }

    private static void assertDocumented(String what, HttpResponse<String> response) {
        assertTrue(DOCUMENTED.contains(response.statusCode()), () -> what + ": " + response.statusCode() + " "
                + response.body().substring(0, Math.min(300, response.body().length())));
        if (response.statusCode() != 200) {
            assertProblem(response, response.statusCode(), typeOf(response));
        }
    }

    private static String typeOf(HttpResponse<String> response) {
        String type = json(response).getString("type");
        return type.substring(type.lastIndexOf(':') + 1);
    }

    @Test
    void everyHostileBodyGetsADocumentedAnswerAndTheServerStaysHealthy() {
        try (ServerOutput output = ServerOutput.capture()) {
            sendHostileBodies();
            assertEquals(200, deliver(signer().handler("inspect").formValue("name", "Ada").sign()).statusCode());
            output.awaitLine("DH-400", "nests objects and arrays deeper than").orElseThrow(
                    () -> new AssertionError("the refusals were not logged"));
            assertFalse(output.text().lines().anyMatch(line -> line.contains("SEVERE") || line.startsWith("\tat ")),
                    "a hostile body is logged at INFO, without a stack trace");
        }
    }

    private void sendHostileBodies() {
        for (Map.Entry<String, String> body : hostileBodies().entrySet()) {
            SignedDelivery delivery = signer().rawBody(body.getValue()).sign();
            HttpResponse<String> response = deliver(delivery);
            assertDocumented(body.getKey(), response);
            assertTrue(response.statusCode() == 400 || response.statusCode() == 200,
                    () -> body.getKey() + " was verified and is a body question: " + response.statusCode());
        }
    }

    /** The committed corpus of a fuzz test: every seed and every input that once found a bug. */
    private static List<byte[]> corpus(String packagePath, String testClass, String method) {
        Path directory = Path.of("src/test/resources", packagePath, testClass + "Inputs", method);
        try (Stream<Path> files = Files.list(directory)) {
            List<byte[]> inputs = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                inputs.add(Files.readAllBytes(file));
            }
            assertFalse(inputs.isEmpty(), () -> "no corpus in " + directory);
            return inputs;
        } catch (IOException e) {
            throw new AssertionError("the corpus " + directory + " cannot be read", e);
        }
    }

    @Test
    void everyBodyOfTheFuzzCorpusGetsADocumentedAnswer() {
        for (byte[] body : corpus("org/dialoghook/internal/delivery", "DeliveryBodyReaderFuzzTest", "read")) {
            // signed without binding, so that every body, however broken, reaches the body's checks
            SignedDelivery token = signer().binding(DeliverySigner.Binding.NONE).handler("inspect").sign();
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/webhook"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)), "Content-Type", "application/json",
                    "Authorization", "Bearer " + token.token());
            assertDocumented(new String(body, 0, Math.min(body.length, 60), StandardCharsets.ISO_8859_1), response);
        }
        assertEquals(200, deliver(signer().handler("inspect").sign()).statusCode());
    }

    @Test
    void everyAuthorizationHeaderOfTheFuzzCorpusGetsADocumentedAnswer() {
        SignedDelivery delivery = signer().handler("inspect").sign();
        for (byte[] input : corpus("org/dialoghook/internal/auth", "BearerCredentialsFuzzTest", "token")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/webhook"))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).header("Content-Type", "application/json");
            try {
                for (String value : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
                    if (!value.isEmpty()) {
                        request.header("Authorization", value);
                    }
                }
            } catch (IllegalArgumentException notSendable) {
                continue; // a header value that HTTP cannot carry never reaches a server
            }
            assertDocumented("Authorization " + new String(input, StandardCharsets.UTF_8), send(request));
        }
        assertEquals(200, deliver(signer().handler("inspect").sign()).statusCode());
    }

    @Test
    void hostileClaimsAreRefusedAsTokensNeverAsFailures() {
        DeliverySigner signer = signer();
        String body = "{\"handler\":\"inspect\"}";
        List<String> claims = List.of(
                "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}",
                "{\"exp\":" + "9".repeat(3000) + "}",
                "{\"iat\":1e999999999}",
                "{\"jti\":{\"a\":1}}",
                "[1,2,3]",
                "{\"jti\":\"a\",\"jti\":\"b\"}",
                "not json");
        for (String claimsJson : claims) {
            HttpResponse<String> response = post("/webhook", body, "Content-Type", "application/json",
                    "Authorization", "Bearer " + signer.sign(claimsJson));
            assertDocumented(claimsJson.substring(0, Math.min(40, claimsJson.length())), response);
            assertEquals(401, response.statusCode(), response::body);
        }
        assertEquals(200, deliver(signer().handler("inspect").sign()).statusCode());
    }

    @Test
    void hostileHeadersGetDocumentedAnswers() {
        SignedDelivery delivery = signer().handler("inspect").sign();
        List<String[]> headers = List.of(
                new String[] {"Content-Type", "application/json", "Authorization", "Bearer"},
                new String[] {"Content-Type", "application/json", "Authorization", "Bearer " + "a".repeat(6000)},
                new String[] {"Content-Type", "application/json", "Authorization", "Bearer a.b.c"},
                new String[] {"Content-Type", "application/json", "Authorization", "Bearer " + delivery.token() + ","},
                new String[] {"Content-Type", "application/json", "Authorization", "bEaReR   " + delivery.token()},
                new String[] {"Content-Type", "application/json;;;charset", "Authorization", "Bearer " + delivery.token()},
                new String[] {"Content-Type", "application/json; charset=\"", "Authorization", "Bearer " + delivery.token()},
                new String[] {"Content-Type", "*/*", "Authorization", "Bearer " + delivery.token()},
                new String[] {"Content-Type", "application/" + "x".repeat(3000) + "+json",
                    "Authorization", "Bearer " + delivery.token()});
        for (String[] pairs : headers) {
            assertDocumented(String.join(" ", pairs).substring(0, 40), post("/webhook", delivery.body(), pairs));
        }
        assertEquals(200, deliver(signer().handler("inspect").sign()).statusCode());
    }
}
