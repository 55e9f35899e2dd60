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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.handlers.SettingsEchoHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Payara command files on a real Payara Server 6 domain, run with {@code asadmin} exactly as
 * {@code server-config/payara/README.md} and docs/operators.md tell operators to: a password file holding the
 * secret, {@code multimode --file dialoghook.asadmin}, then {@code multimode --file payara-server.asadmin} (the
 * password alias and the deployment of {@code target/dialoghook.war}), then the password file deleted. The
 * receiver then answers deliveries signed with the alias's secret, sees every setting of the file, and its
 * readiness is UP. The domain is one of the test's own, in {@code target/}, on free ports and loopback only
 * (see {@link PayaraServerDomain}); it is stopped at the end, also when a test fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerScriptIT {

    /** Test-only secret that the password alias stores; given to asadmin in its password file. */
    private static final String SCRIPT_SECRET = "asadmin-test-secret-5c0e8a1f93d2b746-Rw/+=";

    /** Test-only secret in the WAR's own settings: the domain's config properties must win over it. */
    private static final String WAR_SECRET = "war-level-secret-that-the-alias-overrides-034";

    private static final Path SETTINGS_FILE = Path.of("server-config", "payara", "dialoghook.asadmin");
    private static final Path SERVER_FILE = Path.of("server-config", "payara", "payara-server.asadmin");
    private static final Path REPLAY_CACHE_FILE = Path.of("server-config", "payara", "replay-cache.asadmin");
    private static final Path HAZELCAST_FILE = Path.of("server-config", "payara", "hazelcast-replays.xml");

    private static PayaraServerDomain domain;
    private static Path operator;
    private static String asadminOutput = "";

    @BeforeAll
    static void installWithTheCommandFiles() throws Exception {
        Path work = Path.of(System.getProperty("payara.server.work", "target/payara-server-it"));
        domain = PayaraServerDomain.createAndStart(Path.of(System.getProperty("payara.server.home")), work,
                "dialoghook-it");
        operator = prepareOperatorDirectory(work.resolve("operator"));
        Path passwordFile = operator.resolve("dialoghook.pwd");
        // docs/operators.md, "Sizing the replay cache on Payara": the Hazelcast file in the domain's config/
        Files.copy(HAZELCAST_FILE, domain.configDirectory().resolve(HAZELCAST_FILE.getFileName()));
        // docs/operators.md, Payara Server: step 4, the settings first, then the alias and the deployment
        for (Path file : List.of(REPLAY_CACHE_FILE, SETTINGS_FILE, SERVER_FILE)) {
            PayaraServerDomain.Run run = domain.asadmin(operator, "--port", String.valueOf(domain.adminPort()),
                    "--user", "admin", "--passwordfile", passwordFile.getFileName().toString(),
                    "multimode", "--file", file.toString());
            asadminOutput += run.output();
            assertEquals(0, run.exitCode(), () -> file + " failed:\n" + run.output());
            assertFalse(run.output().contains("failed"), () -> file + ":\n" + run.output());
        }
        // step 5: the password file is deleted
        Files.delete(passwordFile);
    }

    @AfterAll
    static void stopTheDomain() throws Exception {
        if (domain != null) {
            domain.close();
        }
    }

    /**
     * What an operator has, in the directory asadmin runs in: {@code target/dialoghook.war} (here the production
     * WAR plus the example echo handler and conflicting settings of its own), the two command files at their
     * place in the repository, and the password file, readable by its owner only, with the alias's password.
     * The domain has no admin password, so the file has no {@code AS_ADMIN_PASSWORD} (as the README allows).
     */
    private static Path prepareOperatorDirectory(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("target"));
        Files.createDirectories(dir.resolve(SETTINGS_FILE).getParent());
        for (Path file : List.of(REPLAY_CACHE_FILE, SETTINGS_FILE, SERVER_FILE)) {
            Files.copy(file, dir.resolve(file));
        }
        WebhookIT.receiver("dialoghook", Map.of(
                        "dialoghook.secret", WAR_SECRET,
                        "dialoghook.jwt.algorithms", "HS512",
                        "dialoghook.max-body-bytes", "100"), EchoHandler.class, SettingsEchoHandler.class)
                .as(ZipExporter.class).exportTo(dir.resolve("target/dialoghook.war").toFile(), true);
        Path passwordFile = Files.createFile(dir.resolve("dialoghook.pwd"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, "AS_ADMIN_ALIASPASSWORD=" + SCRIPT_SECRET + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    private static HttpResponse<String> deliver(SignedDelivery delivery) {
        return domain.deliver(delivery);
    }

    @Test
    @Order(1)
    void everySettingOfTheCommandFileIsInEffect() throws IOException {
        for (String line : Files.readAllLines(SETTINGS_FILE, StandardCharsets.UTF_8)) {
            assertTrue(line.isBlank() || line.startsWith("#") || ScriptSettings.ASADMIN.matcher(line).matches(),
                    () -> "a command this test does not check: " + line);
        }
        ScriptSettings.assertInEffect(ScriptSettings.of(SETTINGS_FILE, ScriptSettings.ASADMIN), SCRIPT_SECRET,
                PayaraServerScriptIT::deliver);
    }

    @Test
    @Order(2)
    void aDeliverySignedWithTheAliasSecretIsAnsweredAtTheContextRoot() {
        String body = "x".repeat(2000);
        HttpResponse<String> response = deliver(DeliverySigner.withSecret(SCRIPT_SECRET).handler("echo")
                .formValue("note", body).sign());
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("note=" + body, WebhookIT.json(response).getJsonArray("blocks").getJsonObject(0).getString("text"),
                "HS256 and a 1 MiB limit from the command file, not HS512 and 100 bytes from the WAR");

        HttpResponse<String> warSecret = deliver(DeliverySigner.withSecret(WAR_SECRET).handler("echo").sign());
        WebhookIT.assertProblem(warSecret, 401, "invalid-token");
        assertFalse(warSecret.body().contains(SCRIPT_SECRET), "the secret is never in a reply");
    }

    @Test
    @Order(3)
    void readinessIsUp() {
        HttpResponse<String> ready = WebhookIT.send(HttpRequest.newBuilder(domain.uri("/health/ready")).GET());
        assertEquals(200, ready.statusCode(), ready::body);
        JsonObject check = HealthChecks.named(WebhookIT.json(ready), "dialoghook");
        assertEquals("UP", check.getString("status"), check::toString);
        assertEquals("default", check.getJsonObject("data").getString("bots"));
    }

    /** docs/operators.md, step 6: the start-up lines are in the server log, and no DH-0101 (no secret). */
    @Test
    @Order(4)
    void theServerLogHasTheStartUpLinesAndTheSecretIsNowhere() throws IOException, InterruptedException {
        String log = domain.serverLog();
        assertTrue(log.contains("DH-0100 settings read: bot=default secret=set"), "DH-0100 in the server log");
        assertTrue(log.contains("DH-0300 registered handlers"), "DH-0300 in the server log");
        assertFalse(log.contains("DH-0101"), "no DH-0101");
        assertFalse(log.contains(SCRIPT_SECRET), "the secret never reaches the server log");
        assertFalse(asadminOutput.contains(SCRIPT_SECRET), "asadmin never prints the secret");
        String configuration = domain.domainXml();
        assertFalse(configuration.contains(SCRIPT_SECRET), "domain.xml never holds the clear secret");
        assertTrue(configuration.contains("value=\"${ALIAS=dialoghook-secret}\""),
                "domain.xml holds the reference to the alias");
        assertFalse(Files.exists(operator.resolve("dialoghook.pwd")), "the password file is gone");
        Optional<String> listed = domain.asadmin(operator, "--port", String.valueOf(domain.adminPort()),
                "list-password-aliases").output().lines().filter("dialoghook-secret"::equals).findFirst();
        assertTrue(listed.isPresent(), "the alias dialoghook-secret exists");
    }

    /** The replay cache is the data grid's, configured by the Hazelcast file that replay-cache.asadmin names. */
    @Test
    @Order(5)
    void theReplayCacheIsTheDataGridsAsTheHazelcastFileConfiguresIt() throws IOException, InterruptedException {
        SignedDelivery delivery = DeliverySigner.withSecret(SCRIPT_SECRET).handler("echo").sign();
        HttpResponse<String> first = deliver(delivery);
        assertEquals(200, first.statusCode(), first::body);
        HttpResponse<String> again = deliver(delivery);
        assertEquals(first.body(), again.body());
        assertEquals("true", again.headers().firstValue("Dialoghook-Redelivery").orElse(null));
        String log = domain.serverLog();
        assertTrue(log.contains("DH-0600 replay store: JCache cache 'dialoghook-replays'")
                && log.contains("records kept PT10M"), "DH-0600 names the data grid's cache and its expiry");
        String configured = domain.asadmin(operator, "--port", String.valueOf(domain.adminPort()),
                "get-hazelcast-configuration").output();
        assertTrue(configured.contains("hazelcast-replays.xml"), configured);
    }
}
