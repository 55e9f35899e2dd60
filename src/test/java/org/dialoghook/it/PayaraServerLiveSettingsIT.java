package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Settings changed live on a real Payara Server 6 domain, with {@code asadmin}, while two senders keep posting
 * deliveries: two secret rotations in the order of docs/operators.md (the old secret as the previous one, then the
 * new secret, the sender switches once the receiver accepts the new one, the old one retired: by hand the first
 * time, by its end {@code dialoghook.previous-secret.expires} the second), then a value that cannot be used, then
 * its fix. The application is deployed once, before all of it, and never reloaded.
 *
 * <p>The domain is the test's own ({@link PayaraServerDomain}: free ports, loopback only) with the MicroProfile
 * Config cache shortened to 1 s ({@code set-config-cache --duration=1}, before the deployment, no restart) and the
 * receiver re-reading its settings every second ({@code dialoghook.settings.refresh=1} in the WAR). The switch
 * times, from the {@code asadmin} command's return to the first delivery signed with the new secret that is
 * accepted, are printed into the test's output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerLiveSettingsIT {

    /** Test-only secrets, in the order they are rotated in. */
    private static final String FIRST = "live-first-secret-3b9e1c07d5a24f68-QxT";
    private static final String SECOND = "live-second-secret-8f2a6d41c0e97b35-KpL";
    private static final String THIRD = "live-third-secret-51c7e0a9b3d2f864-ZmW";
    private static final List<String> SECRETS = List.of(FIRST, SECOND, THIRD);

    /** Longest wait for a change made with asadmin to show: the 1 s config cache plus the 1 s refresh, and slack. */
    private static final Duration CHANGE_TAKES_AT_MOST = Duration.ofSeconds(30);

    private static PayaraServerDomain domain;
    private static Path work;
    private static Senders senders;
    private static String asadminOutput = "";
    private static final List<String> switchTimes = new ArrayList<>();

    @BeforeAll
    static void deployOnceOnADomainWithAShortConfigCache() throws Exception {
        work = Path.of(System.getProperty("payara.server.work", "target/payara-server-it") + "-live");
        domain = PayaraServerDomain.createAndStart(Path.of(System.getProperty("payara.server.home")), work,
                "dialoghook-live");
        // the MicroProfile Config cache (60 s by default): an application built after this reads it; no restart
        admin("set-config-cache", "--duration=1");
        admin(passwordFile("first", FIRST), "create-password-alias", "dialoghook-secret");
        admin("set-config-property", "--propertyName=dialoghook.secret", "--propertyValue=${ALIAS=dialoghook-secret}",
                "--source=domain");
        Path war = work.resolve("dialoghook.war");
        WebhookIT.receiver("dialoghook", Map.of("dialoghook.settings.refresh", "1"), EchoHandler.class)
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        admin("deploy", "--name=dialoghook", "--contextroot=/", war.toAbsolutePath().toString());
        senders = new Senders();
        senders.accept(FIRST);
        senders.use(0, FIRST);
        senders.use(1, FIRST);
        senders.start();
        Await.until("the two senders are answered 200 with the first secret", CHANGE_TAKES_AT_MOST,
                () -> senders.accepted(FIRST) >= 20);
    }

    @AfterAll
    static void stopTheSendersAndTheDomain() throws Exception {
        if (senders != null) {
            senders.stop();
        }
        if (domain != null) {
            domain.close();
        }
    }

    /** docs/operators.md, "Rotating a secret", with asadmin: the first rotation, the old secret retired by hand. */
    @Test
    @Order(1)
    void aRotationWithAsadminRefusesNoDeliveryAndTheOldSecretIsRefusedOnceRemoved() throws Exception {
        // 1. the new secret in an alias of its own; the current one becomes the previous one
        admin(passwordFile("second", SECOND), "create-password-alias", "dialoghook-secret-2");
        int changed = domain.logLines("DH-0120", "dialoghook.previous-secret");
        admin("set-config-property", "--propertyName=dialoghook.previous-secret",
                "--propertyValue=${ALIAS=dialoghook-secret}", "--source=domain");
        Await.until("DH-0120 names dialoghook.previous-secret", CHANGE_TAKES_AT_MOST,
                () -> domain.logLines("DH-0120", "dialoghook.previous-secret")
                > changed);
        // 2. the new secret: from here both are accepted
        admin("set-config-property", "--propertyName=dialoghook.secret",
                "--propertyValue=${ALIAS=dialoghook-secret-2}", "--source=domain");
        long switchMillis = switchTime(SECOND);
        report("rotation 1 (set-config-property dialoghook.secret)", switchMillis);
        // 3. the sender switches; one sender goes on with the old secret (late and retried deliveries)
        senders.accept(SECOND);
        senders.use(0, SECOND);
        Await.until("deliveries with both secrets are answered", CHANGE_TAKES_AT_MOST,
                () -> senders.accepted(SECOND) >= 20);
        int oldBefore = senders.accepted(FIRST);
        Await.until("the old secret is still accepted", CHANGE_TAKES_AT_MOST,
                () -> senders.accepted(FIRST) >= oldBefore + 10);
        // 4. retired by hand: the last old-secret delivery is sent before the previous secret is removed
        senders.refuse(FIRST);
        senders.use(1, SECOND);
        int removed = domain.logLines("DH-0120", "dialoghook.previous-secret");
        admin("delete-config-property", "--propertyName=dialoghook.previous-secret", "--source=domain");
        Await.until("DH-0120 names the removed dialoghook.previous-secret", CHANGE_TAKES_AT_MOST,
                () -> domain.logLines("DH-0120", "dialoghook.previous-secret") > removed);
        for (int i = 0; i < 5; i++) {
            WebhookIT.assertProblem(deliver(FIRST), 401, "invalid-token");
        }
        admin("delete-password-alias", "dialoghook-secret");
        assertNoFailedDelivery();
    }

    /** The second rotation, the other way round, with an end: the previous secret stops working by itself. */
    @Test
    @Order(2)
    void aPreviousSecretWithAnEndIsRefusedAfterItByItself() throws Exception {
        admin(passwordFile("third", THIRD), "create-password-alias", "dialoghook-secret");
        Instant end = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
        int changed = domain.logLines("DH-0120", "dialoghook.previous-secret.expires");
        admin("set-config-property", "--propertyName=dialoghook.previous-secret",
                "--propertyValue=${ALIAS=dialoghook-secret-2}", "--source=domain");
        admin("set-config-property", "--propertyName=dialoghook.previous-secret.expires",
                "--propertyValue=" + end, "--source=domain");
        Await.until("DH-0120 names dialoghook.previous-secret.expires", CHANGE_TAKES_AT_MOST,
                () -> domain.logLines("DH-0120", "dialoghook.previous-secret.expires") > changed);
        admin("set-config-property", "--propertyName=dialoghook.secret",
                "--propertyValue=${ALIAS=dialoghook-secret}", "--source=domain");
        long switchMillis = switchTime(THIRD);
        report("rotation 2 (set-config-property dialoghook.secret, previous secret with an end)", switchMillis);
        senders.accept(THIRD);
        senders.use(0, THIRD);
        int oldBefore = senders.accepted(SECOND);
        Await.until("the previous secret is accepted before its end", CHANGE_TAKES_AT_MOST,
                () -> senders.accepted(SECOND) >= oldBefore + 10);
        // the last delivery with the previous secret 3 s before its end
        Await.until("3 s before the end", Duration.ofSeconds(90), () -> Instant.now().isAfter(end.minusSeconds(3)));
        senders.refuse(SECOND);
        senders.use(1, THIRD);
        Await.until("the end has passed", Duration.ofSeconds(10), () -> Instant.now().isAfter(end.plusMillis(500)));
        for (int i = 0; i < 5; i++) {
            WebhookIT.assertProblem(deliver(SECOND), 401, "invalid-token");
        }
        Await.until("DH-0111 is logged", CHANGE_TAKES_AT_MOST, () -> domain.logLines("DH-0111") >= 1);
        deliver(SECOND);
        Thread.sleep(2500);
        assertEquals(1, domain.logLines("DH-0111"), "DH-0111 once, not at every refused delivery or refresh");
        assertNoFailedDelivery();
    }

    /** A value that cannot be used leaves the last good settings in force, shows in readiness, and its fix applies. */
    @Test
    @Order(3)
    void aBadValueIsRefusedAndShownInReadinessAndItsFixApplies() throws Exception {
        int acceptedBefore = senders.accepted(THIRD);
        admin("set-config-property", "--propertyName=dialoghook.handler.timeout", "--propertyValue=banana",
                "--source=domain");
        Await.until("DH-0121 names dialoghook.handler.timeout", CHANGE_TAKES_AT_MOST,
                () -> domain.logLines("DH-0121", "dialoghook.handler.timeout") >= 1);
        JsonObject check = readiness();
        assertEquals("UP", check.getString("status"), check::toString);
        String refused = check.getJsonObject("data").getString("refused-change", "");
        assertTrue(refused.contains("dialoghook.handler.timeout"), check::toString);
        assertTrue(SECRETS.stream().noneMatch(refused::contains), "no secret in readiness");
        Thread.sleep(4000);
        assertEquals(1, domain.logLines("DH-0121"), "DH-0121 once while the bad value stays");
        assertTrue(senders.accepted(THIRD) > acceptedBefore + 10, "deliveries go on being answered meanwhile");

        int fixed = domain.logLines("DH-0120", "dialoghook.handler.timeout");
        admin("set-config-property", "--propertyName=dialoghook.handler.timeout", "--propertyValue=15",
                "--source=domain");
        Await.until("DH-0120 names the fixed dialoghook.handler.timeout", CHANGE_TAKES_AT_MOST,
                () -> domain.logLines("DH-0120", "dialoghook.handler.timeout") > fixed);
        Await.until("readiness no longer shows the refused change", CHANGE_TAKES_AT_MOST,
                () -> !readiness().getJsonObject("data").containsKey("refused-change"));
        assertNoFailedDelivery();
    }

    /** Deployed once, never reloaded; no secret in the server log nor in what asadmin printed. */
    @Test
    @Order(4)
    void theApplicationWasDeployedOnceAndNoSecretIsInTheLog() throws Exception {
        senders.stop();
        assertNoFailedDelivery();
        System.out.println("deliveries sent by the senders: " + senders.sent.get() + "; accepted with the first, "
                + "second, third secret: " + senders.accepted(FIRST) + ", " + senders.accepted(SECOND) + ", "
                + senders.accepted(THIRD));
        switchTimes.forEach(System.out::println);
        String log = domain.serverLog();
        assertEquals(1, domain.logLines("DH-0300"), "the application was deployed once (one DH-0300)");
        for (String secret : SECRETS) {
            assertFalse(log.contains(secret), "no secret in the server log");
            assertFalse(asadminOutput.contains(secret), "no secret in asadmin's output");
        }
        assertFalse(domain.domainXml().contains(FIRST) || domain.domainXml().contains(THIRD),
                "domain.xml holds only alias references");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void report(String what, long millis) {
        String line = "switch time, " + what + ": " + millis + " ms from asadmin's return to the first 200";
        switchTimes.add(line);
        System.out.println(line);
        assertTrue(millis < CHANGE_TAKES_AT_MOST.toMillis(), line);
    }

    private static long switchTime(String secret) throws InterruptedException {
        return domain.firstAccepted(secret, System.nanoTime(), CHANGE_TAKES_AT_MOST).toMillis();
    }

    private static HttpResponse<String> deliver(String secret) {
        return domain.deliver(DeliverySigner.withSecret(secret).handler("echo").formValue("n", "1").sign());
    }

    private static JsonObject readiness() {
        HttpResponse<String> ready = WebhookIT.send(HttpRequest.newBuilder(domain.uri("/health/ready")).GET());
        assertEquals(200, ready.statusCode(), ready::body);
        return HealthChecks.named(WebhookIT.json(ready), "dialoghook");
    }

    private static void assertNoFailedDelivery() {
        assertTrue(senders.failures.isEmpty(), () -> senders.failures.size()
                + " deliveries signed with a secret that should have been accepted were not, the first: "
                + senders.failures.peek());
    }

    private static PayaraServerDomain.Run admin(String... arguments) throws IOException, InterruptedException {
        PayaraServerDomain.Run run = domain.admin(arguments);
        asadminOutput += run.output();
        assertEquals(0, run.exitCode(), () -> String.join(" ", arguments) + " failed:\n" + run.output());
        return run;
    }

    /** asadmin's options for a password file holding the alias password, readable by its owner only. */
    private static String[] passwordFile(String name, String secret) throws IOException {
        Path file = work.resolve(name + ".pwd");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "AS_ADMIN_ALIASPASSWORD=" + secret + "\n", StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        return new String[] {"--passwordfile", file.toAbsolutePath().toString()};
    }

    private static PayaraServerDomain.Run admin(String[] options, String... arguments) throws IOException,
            InterruptedException {
        String[] all = new String[options.length + arguments.length];
        System.arraycopy(options, 0, all, 0, options.length);
        System.arraycopy(arguments, 0, all, options.length, arguments.length);
        return admin(all);
    }

    /**
     * Two sender threads, each posting deliveries signed with the secret it is told to use, one at a time, each
     * with its own token id, to 127.0.0.1 only, until stopped (at most 40000 each). A delivery that is not
     * answered 200 although its secret was to be accepted both when it was sent and when its answer came is a
     * failure.
     */
    private static final class Senders {

        private final AtomicReferenceArray<String> secrets = new AtomicReferenceArray<>(2);
        private final Set<String> toAccept = ConcurrentHashMap.newKeySet();
        private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        private final Queue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicInteger sent = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stopped;

        void accept(String secret) {
            toAccept.add(secret);
        }

        void refuse(String secret) throws InterruptedException {
            toAccept.remove(secret);
            Thread.sleep(200);
        }

        void use(int sender, String secret) {
            secrets.set(sender, secret);
        }

        int accepted(String secret) {
            return accepted.computeIfAbsent(secret, s -> new AtomicInteger()).get();
        }

        void start() {
            for (int i = 0; i < 2; i++) {
                int sender = i;
                Thread thread = new Thread(() -> run(sender), "live-sender-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        private void run(int sender) {
            for (int i = 0; i < 40_000 && !stopped; i++) {
                String secret = secrets.get(sender);
                boolean expected = toAccept.contains(secret);
                int status;
                String problem;
                try {
                    HttpResponse<String> response = deliver(secret);
                    status = response.statusCode();
                    problem = status == 200 ? "" : response.body();
                } catch (AssertionError e) {
                    status = -1;
                    problem = String.valueOf(e.getCause());
                }
                sent.incrementAndGet();
                if (status == 200) {
                    accepted.computeIfAbsent(secret, s -> new AtomicInteger()).incrementAndGet();
                } else if (expected && toAccept.contains(secret)) {
                    failures.add("secret #" + (SECRETS.indexOf(secret) + 1) + " answered " + status + ": " + problem);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            stopped = true;
            for (Thread thread : threads) {
                thread.join(60_000);
            }
        }
    }
}
