package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.handlers.FailingHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last: sends deliveries of every kind to a deployment with capture mode on, then reads the server
 * output of the whole Arquillian run and fails if a secret, a token or a token's signature appears in it, or
 * if a line break in a delivery forged a log line.
 */
@Order(Integer.MAX_VALUE)
class SecrecyIT extends WebhookIT {

    private static final Pattern FORGED_LINE = Pattern.compile("(?m)^DH-9999");

    @Deployment
    static WebArchive deployment() {
        return receiver("secrecy", Map.of("dialoghook.secret", SECRET, "dialoghook.capture", "full"),
                EchoHandler.class, FailingHandler.class);
    }

    @Test
    void noSecretOrTokenReachesTheServerOutput() throws IOException {
        String live = outputWhile(() -> {
            assertEquals(200, deliver(signer().handler("echo").formValue("note", "one\r\nDH-9999 forged").sign())
                    .statusCode());
            deliver(signer().handler("fail").sign());
            deliver(signer().handler("nobody").sign());
            deliver(DeliverySigner.withSecret("a-wrong-secret-for-this-check-0123").sign());
            deliver(signer().binding(DeliverySigner.Binding.CLAIMS).handler("echo").formValue("x", "y").sign());
            SignedDelivery tampered = signer().handler("echo").formValue("amount", "10").sign();
            post("/webhook", tampered.body().replace("10", "99"), "Content-Type", "application/json",
                    "Authorization", "Bearer " + tampered.token());
        });
        assertTrue(live.contains("DH-0500") && live.contains("DH-401"), "the server's own log lines are read");
        List<String> outputs = new ArrayList<>(List.of(live));
        for (Path file : serverOutputFiles()) {
            outputs.add(Files.readString(file, StandardCharsets.UTF_8));
        }
        assertFalse(SENT_CREDENTIALS.isEmpty());
        assertTrue(outputs.size() > 1, "the output of the earlier test classes is read too");
        for (String output : outputs) {
            assertFalse(output.contains(SECRET), "the secret appears in the server output");
            assertFalse(FORGED_LINE.matcher(output).find(), "a delivery forged a log line");
            for (String credential : SENT_CREDENTIALS) {
                int space = credential.indexOf(' ');
                String token = space < 0 ? "" : credential.substring(space + 1).strip();
                if (token.length() < 20) {
                    continue; // a hostile header such as "Bearer" or "Bearer a.b.c" carries nothing to keep secret
                }
                assertFalse(output.contains(token), "a token appears in the server output");
                String[] parts = token.split("\\.");
                if (parts.length == 3 && parts[2].length() > 20) {
                    assertFalse(output.contains(parts[2]), "a token's signature appears in the server output");
                }
            }
        }
    }

    /** The output files of this server's test classes: each Failsafe execution names its reports folder. */
    private static List<Path> serverOutputFiles() throws IOException {
        Path reports = Path.of(System.getProperty("dialoghook.it.reports", "target/failsafe-reports"));
        try (Stream<Path> files = Files.list(reports)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-output.txt")).toList();
        }
    }

    private static String outputWhile(Runnable traffic) {
        try (ServerOutput server = ServerOutput.capture()) {
            traffic.run();
            server.awaitLine("DH-0500");
            server.awaitLine("DH-401");
            return server.text();
        }
    }
}
