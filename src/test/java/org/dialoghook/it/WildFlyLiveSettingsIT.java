package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.WildFlyOperator.CliRun;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A secret rotated on a running WildFly with {@code jboss-cli.sh}, as operators.md has it, while two senders keep
 * delivering: no reload, no redeploy, no refused delivery that should have been accepted.
 *
 * <p>The server is the test's own ({@link WildFlyOperator}); the receiver is installed with
 * {@code server-config/wildfly/dialoghook.cli} and the old secret, so every secret is an encrypted expression in a
 * system property, and the WAR's own settings set {@code dialoghook.settings.refresh=1}. Then, in the order of a real
 * rotation: the old secret becomes the previous one; the new secret becomes the secret; the senders switch to the new
 * secret once the receiver was seen accepting it (the switch time is measured from the CLI command's return); the old
 * secret is retired by hand, then again by its end time ({@code dialoghook.previous-secret.expires}, both removed
 * afterwards in one batch); a bad value
 * ({@code dialoghook.handler.timeout=banana}) is set, shown in readiness and fixed. The application is deployed once,
 * and neither secret reaches the server's log or configuration.
 */
class WildFlyLiveSettingsIT {

    /** Test-only secrets. */
    private static final String OLD = "live-test-old-secret-4f8a2c91d7b3e6055a1c";
    private static final String NEW = "live-test-new-secret-9b1e7d3a5c2f4068b7e0";
    private static final Map<String, String> SECRETS = Map.of("old", OLD, "new", NEW);

    private static final String CONTEXT = "/dialoghook";
    private static final Duration LOG_WAIT = Duration.ofSeconds(30);
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{ENC::[^\"]+\\}");

    private static WildFlyOperator server;

    @BeforeAll
    static void startServer() throws Exception {
        server = WildFlyOperator.start(Path.of("target", "wildfly-live-settings-it"));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSecretIsRotatedWithTheCliWhileDeliveriesFlow() throws Exception {
        Path war = server.work().resolve("dialoghook.war");
        WebhookIT.receiver("dialoghook", Map.of("dialoghook.settings.refresh", "1"), EchoHandler.class)
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        server.installWithScript(war, OLD);
        awaitStatus("old", 200, Duration.ofSeconds(120));

        List<String> times = new ArrayList<>();
        try (Traffic traffic = new Traffic()) {
            traffic.start();
            Thread.sleep(2000);
            String oldExpression = expressionOf(WildFlyOperator.succeeded(
                    server.command("/system-property=dialoghook.secret:read-attribute(name=value)")));
            String newExpression = server.encrypt(NEW);

            // 1. the old secret becomes the previous one
            traffic.phase("previous secret set");
            long before = server.countLines("DH-0120");
            CliRun previous = cli("/system-property=dialoghook.previous-secret:add(value=\"" + oldExpression + "\")");
            long returned = System.nanoTime();
            server.awaitNewLine("DH-0120", "dialoghook.previous-secret", before, LOG_WAIT);
            times.add("previous secret set: DH-0120 " + millisSince(returned) + " ms after the CLI returned (the CLI took "
                    + previous.took().toMillis() + " ms)");

            // 2. the new secret becomes the secret; 3. the sender switches once the receiver accepts it
            traffic.phase("new secret set");
            before = server.countLines("DH-0120");
            CliRun secret = cli("/system-property=dialoghook.secret:write-attribute(name=value, value=\""
                    + newExpression + "\")");
            returned = System.nanoTime();
            awaitStatus("new", 200, LOG_WAIT);
            long switchMillis = millisSince(returned);
            traffic.accept(Set.of("old", "new"));
            traffic.send("new");
            traffic.phase("sender on the new secret");
            String changed = server.awaitNewLine("DH-0120", "dialoghook.secret", before, LOG_WAIT);
            assertFalse(changed.contains(NEW) || changed.contains(OLD), "DH-0120 names settings, never values");
            times.add("SWITCH TIME: the first delivery signed with the new secret was accepted " + switchMillis
                    + " ms after the CLI command returned (the CLI took " + secret.took().toMillis() + " ms)");
            assertEquals(200, deliver("old").statusCode(), "the old secret, now the previous one, is still accepted");
            Thread.sleep(2000);

            // 4a. the old secret retired by hand
            traffic.accept(Set.of("new"));
            traffic.phase("previous secret removed");
            before = server.countLines("DH-0120");
            cli("/system-property=dialoghook.previous-secret:remove");
            returned = System.nanoTime();
            awaitStatus("old", 401, LOG_WAIT);
            times.add("previous secret removed: the old secret was refused " + millisSince(returned)
                    + " ms after the CLI command returned");
            server.awaitNewLine("DH-0120", "dialoghook.previous-secret", before, LOG_WAIT);
            for (int i = 0; i < 3; i++) {
                WebhookIT.assertProblem(deliver("old"), 401, "invalid-token");
            }

            // 4b. the old secret back as the previous one, with an end: refused by itself once it has passed
            Instant expires = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
            traffic.phase("previous secret with an end");
            before = server.countLines("DH-0120");
            long expiredBefore = server.countLines("DH-0111");
            WildFlyOperator.succeeded(server.script("previous-secret-with-end.cli",
                    "batch",
                    "/system-property=dialoghook.previous-secret:add(value=\"" + oldExpression + "\")",
                    "/system-property=dialoghook.previous-secret.expires:add(value=" + expires + ")",
                    "run-batch"));
            server.awaitNewLine("DH-0120", "dialoghook.previous-secret.expires", before, LOG_WAIT);
            assertTrue(Instant.now().isBefore(expires.minusSeconds(3)), "the end is still ahead");
            for (int i = 0; i < 3; i++) {
                assertEquals(200, deliver("old").statusCode(), "before its end the previous secret is accepted");
            }
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()));
            traffic.phase("previous secret past its end");
            awaitStatus("old", 401, LOG_WAIT);
            times.add("previous secret past its end: refused " + Duration.between(expires, Instant.now()).toMillis()
                    + " ms after dialoghook.previous-secret.expires");
            for (int i = 0; i < 3; i++) {
                WebhookIT.assertProblem(deliver("old"), 401, "invalid-token");
            }
            server.awaitNewLine("DH-0111", "", expiredBefore, LOG_WAIT);
            Thread.sleep(2500);
            assertEquals(expiredBefore + 1, server.countLines("DH-0111"), "DH-0111 is logged once");

            // tidying up: the ended previous secret and its end removed in one batch, the secret first (an end
            // left without its previous secret would be refused; a previous secret left without its end would
            // be accepted again)
            traffic.phase("ended previous secret removed");
            before = server.countLines("DH-0120");
            long refusedWhileTidying = server.countLines("DH-0121");
            WildFlyOperator.succeeded(server.script("remove-ended-previous-secret.cli",
                    "batch",
                    "/system-property=dialoghook.previous-secret:remove",
                    "/system-property=dialoghook.previous-secret.expires:remove",
                    "run-batch"));
            server.awaitNewLine("DH-0120", "dialoghook.previous-secret", before, LOG_WAIT);
            WebhookIT.assertProblem(deliver("old"), 401, "invalid-token");
            assertEquals(refusedWhileTidying, server.countLines("DH-0121"), "removed together, nothing is refused");

            // 5. a bad value, then fixed
            traffic.phase("bad value");
            long refusedBefore = server.countLines("DH-0121");
            cli("/system-property=dialoghook.handler.timeout:write-attribute(name=value, value=banana)");
            returned = System.nanoTime();
            String refused = server.awaitNewLine("DH-0121", "dialoghook.handler.timeout", refusedBefore, LOG_WAIT);
            times.add("bad value: DH-0121 " + millisSince(returned) + " ms after the CLI command returned");
            assertTrue(refused.contains("WARN"), refused);
            assertTrue(refused.contains("last good settings stay in force"), refused);
            JsonObject check = server.readiness();
            assertEquals("UP", check.getString("status"), check::toString);
            assertTrue(check.getJsonObject("data").getString("refused-change", "").contains("dialoghook.handler.timeout"),
                    check::toString);
            Thread.sleep(3000);
            assertEquals(refusedBefore + 1, server.countLines("DH-0121"), "the refused value is logged once");
            assertEquals(200, deliver("new").statusCode(), "deliveries go on under the last good settings");

            traffic.phase("bad value fixed");
            before = server.countLines("DH-0120");
            cli("/system-property=dialoghook.handler.timeout:write-attribute(name=value, value=10)");
            returned = System.nanoTime();
            // back to the value in force: "DH-0120 settings changed back: the refused change is withdrawn ..."
            server.awaitNewLine("DH-0120", "", before, LOG_WAIT);
            times.add("bad value fixed: DH-0120 " + millisSince(returned) + " ms after the CLI command returned");
            check = server.readiness();
            assertEquals("UP", check.getString("status"), check::toString);
            assertFalse(check.getJsonObject("data").containsKey("refused-change"), check::toString);
            Thread.sleep(1000);
            traffic.stop();
            times.forEach(line -> System.out.println("WildFly live settings: " + line));
            traffic.assertEveryDeliveryThatShouldBeAcceptedWas();
        }

        assertTrue(cli(":read-attribute(name=server-state)").output().contains("\"running\""),
                "the server asks for no reload");
        String log = server.logText();
        assertEquals(1, server.countLines("DH-0300"), "the application was deployed once");
        assertEquals(1, server.countLines("WFLYSRV0010: Deployed \"dialoghook.war\""), "deployed once, never again");
        assertFalse(log.contains("WFLYSRV0009"), "never undeployed");
        assertFalse(log.contains("WFLYSRV0050"), "no reload or restart");
        for (Path file : List.of(server.log(), server.work().resolve("server.out"),
                server.base().resolve("configuration/standalone.xml"))) {
            String text = Files.readString(file);
            assertFalse(text.contains(OLD) || text.contains(NEW), "no secret in " + file.getFileName());
        }
    }

    private static CliRun cli(String command) throws IOException, InterruptedException {
        return WildFlyOperator.succeeded(server.command(command));
    }

    private static String expressionOf(CliRun run) {
        Matcher matcher = EXPRESSION.matcher(run.output());
        assertTrue(matcher.find(), "the secret is an encrypted expression");
        return matcher.group();
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static HttpResponse<String> deliver(String secret) throws IOException, InterruptedException {
        SignedDelivery delivery = DeliverySigner.withSecret(SECRETS.get(secret)).handler("echo")
                .formValue("sender", "probe").sign();
        return server.deliver(CONTEXT, delivery);
    }

    /** Sends deliveries signed with a secret every 50 ms until one gets the status. */
    private static void awaitStatus(String secret, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = deliver(secret).statusCode();
                if (last == status) {
                    return;
                }
            } catch (IOException notYet) {
                last = -1;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("a delivery signed with the " + secret + " secret never got " + status + " within "
                + timeout + " (last " + last + "); see " + server.log());
    }

    /** One delivery of the senders: which secret signed it, what came back, and whether it had to be accepted. */
    private record Outcome(String phase, String secret, int status, boolean mustBeAccepted) {
    }

    /**
     * Two senders, each delivering in a loop (bounded) with the secret the platform signs with at that moment. A
     * delivery must be accepted when its secret was one the receiver had to accept both when it was sent and when
     * its reply came.
     */
    private static final class Traffic implements AutoCloseable {

        private static final int SENDERS = 2;
        private static final int MAX_DELIVERIES = 20_000;

        private final ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        private final AtomicReference<String> signing = new AtomicReference<>("old");
        private final AtomicReference<Set<String>> accepted = new AtomicReference<>(Set.of("old"));
        private final AtomicReference<String> phase = new AtomicReference<>("old secret");
        private final AtomicInteger sent = new AtomicInteger();
        private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stopped;

        void start() {
            for (int i = 0; i < SENDERS; i++) {
                String name = "sender-" + i;
                pool.execute(() -> run(name));
            }
        }

        void phase(String name) {
            phase.set(name);
        }

        void accept(Set<String> secrets) {
            accepted.set(secrets);
        }

        void send(String secret) {
            signing.set(secret);
        }

        private void run(String name) {
            while (!stopped && sent.incrementAndGet() <= MAX_DELIVERIES) {
                String secret = signing.get();
                String during = phase.get();
                boolean mustAtStart = accepted.get().contains(secret);
                int status;
                try {
                    status = server.deliver(CONTEXT, DeliverySigner.withSecret(SECRETS.get(secret)).handler("echo")
                            .formValue("sender", name).sign()).statusCode();
                } catch (IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                outcomes.add(new Outcome(during, secret, status, mustAtStart && accepted.get().contains(secret)));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            stopped = true;
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "the senders stopped");
        }

        void assertEveryDeliveryThatShouldBeAcceptedWas() {
            List<Outcome> all;
            synchronized (outcomes) {
                all = List.copyOf(outcomes);
            }
            Map<String, Map<String, Long>> summary = new TreeMap<>();
            for (Outcome outcome : all) {
                summary.computeIfAbsent(outcome.phase() + " (" + outcome.secret() + " secret)", key -> new TreeMap<>())
                        .merge(String.valueOf(outcome.status()), 1L, Long::sum);
            }
            System.out.println("WildFly live settings: deliveries by phase and status: " + summary);
            List<Outcome> refused = all.stream().filter(outcome -> outcome.mustBeAccepted() && outcome.status() != 200)
                    .toList();
            assertTrue(refused.isEmpty(), () -> refused.size() + " deliveries that had to be accepted were not: "
                    + refused.stream().map(Outcome::toString).collect(Collectors.joining("; ")));
            assertTrue(all.size() > 200, "the senders kept sending: " + all.size());
            assertTrue(all.stream().anyMatch(outcome -> outcome.phase().equals("bad value") && outcome.status() == 200),
                    "deliveries went on while the bad value was refused");
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
