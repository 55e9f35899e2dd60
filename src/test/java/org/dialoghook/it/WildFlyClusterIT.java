package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dialoghook.it.handlers.CountingHandler;
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
 * Two WildFly servers of {@code standalone-ha.xml} clustered on loopback, the same receiver on both, the replay
 * store in the Infinispan cache that {@code server-config/wildfly/replay-cache.cli} defines: a delivery sent to one
 * server and then to the other gets one reply, and its handler runs once. The first server runs the production
 * WAR with the handler added; the second the same receiver built as a team builds its WAR (Dialoghook's classes jar
 * in {@code WEB-INF/lib}) with the {@code jboss-web.xml} that the operators' guide says to copy, so the test shows
 * that the copied reference is what gives a team's WAR the shared store.
 *
 * <p>The build's unpacked WildFly is configured offline with the operators' script, then with
 * {@code src/test/server-config/wildfly-cluster-loopback.cli} (JGroups over TCP, members found at two fixed
 * loopback ports, no multicast) and {@code wildfly-cluster-small-cache.cli} (a cache of {@value #CACHE_SIZE}
 * records, so that a test can fill it). The secret reaches the servers as the environment variable
 * {@code DIALOGHOOK_SECRET}, never on a command line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyClusterIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path WORK = Path.of(System.getProperty("dialoghook.it.work", "target"), "wildfly-cluster-it");
    private static final Path HOME = Path.of(System.getProperty("wildfly.home", "target/wildfly-39.0.1.Final"));
    private static final String CONTEXT = "/cluster";
    private static final String CACHE = "java:jboss/infinispan/cache/dialoghook/replays";
    /** The cache's size in this test, as {@code wildfly-cluster-small-cache.cli} sets it. */
    private static final int CACHE_SIZE = 50;
    private static final List<WildFlyProcess> MEMBERS = new ArrayList<>();
    private static final Thread KILL_ON_EXIT = new Thread(() -> MEMBERS.forEach(WildFlyProcess::kill));

    @BeforeAll
    static void startTwoMembers() throws Exception {
        FileTrees.delete(WORK);
        Files.createDirectories(WORK);
        Path template = WORK.resolve("standalone");
        FileTrees.copy(HOME.resolve("standalone"), template);
        configure(template);
        Map<String, String> settings = Map.of("dialoghook.replay.window", "PT4S");
        Path war = WORK.resolve("cluster.war");
        WebhookIT.receiver("cluster", settings, CountingHandler.class).as(ZipExporter.class).exportTo(war.toFile(), true);
        Path teamWar = WORK.resolve("team/cluster.war");
        Files.createDirectories(teamWar.getParent());
        WebhookIT.teamWar("cluster", settings, CountingHandler.class)
                .addAsWebInfResource(new File("src/main/webapp/WEB-INF/jboss-web.xml"), "jboss-web.xml")
                .as(ZipExporter.class).exportTo(teamWar.toFile(), true);

        int firstOffset = WildFlyProcess.freeOffset(List.of());
        int secondOffset = WildFlyProcess.freeOffset(List.of(firstOffset));
        Map<String, String> peers = Map.of(
                "dialoghook.it.member1.jgroups.port", String.valueOf(7600 + firstOffset),
                "dialoghook.it.member2.jgroups.port", String.valueOf(7600 + secondOffset));
        Runtime.getRuntime().addShutdownHook(KILL_ON_EXIT);
        MEMBERS.add(start("member1", template, war, firstOffset, peers));
        MEMBERS.get(0).awaitReady(CONTEXT, Duration.ofSeconds(180));
        MEMBERS.add(start("member2", template, teamWar, secondOffset, peers));
        MEMBERS.get(1).awaitReady(CONTEXT, Duration.ofSeconds(180));
        awaitOneCluster(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopMembers() throws InterruptedException {
        for (WildFlyProcess member : MEMBERS) {
            member.stop(Duration.ofSeconds(30));
        }
        Runtime.getRuntime().removeShutdownHook(KILL_ON_EXIT);
    }

    /**
     * Applies the operators' script and the loopback cluster to the template's standalone-ha.xml, offline, with
     * the CLI's embedded server.
     */
    private static void configure(Path template) throws IOException, InterruptedException {
        Path script = WORK.resolve("configure-offline.cli");
        Files.writeString(script, "embed-server --std-out=discard --server-config=standalone-ha.xml\n"
                + Files.readString(Path.of("server-config/wildfly/replay-cache.cli")) + "\n"
                + Files.readString(Path.of("src/test/server-config/wildfly-cluster-loopback.cli")) + "\n"
                + Files.readString(Path.of("src/test/server-config/wildfly-cluster-small-cache.cli")) + "\n"
                + "stop-embedded-server\n", StandardCharsets.UTF_8);
        Path output = WORK.resolve("configure-offline.txt");
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/jboss-cli.sh").toString(),
                "-Djboss.server.base.dir=" + template.toAbsolutePath(), "--file=" + script.toAbsolutePath())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process cli = builder.start();
        try {
            assertTrue(cli.waitFor(3, TimeUnit.MINUTES), "the CLI did not end");
        } finally {
            cli.destroyForcibly();
        }
        String text = Files.readString(output);
        assertEquals(0, cli.exitValue(), () -> "the scripts failed:\n" + text);
        assertFalse(text.contains("\"outcome\" => \"failed\""), text);
        String configuration = Files.readString(template.resolve("configuration/standalone-ha.xml"));
        assertTrue(configuration.contains("<replicated-cache name=\"replays\""), "the script defined the cache");
        for (String leftOver : List.of("data", "log", "configuration/standalone_xml_history")) {
            FileTrees.delete(template.resolve(leftOver));
        }
    }

    private static WildFlyProcess start(String name, Path template, Path war, int offset, Map<String, String> peers)
            throws IOException {
        Path base = WORK.resolve(name);
        FileTrees.copy(template, base);
        Files.copy(war, base.resolve("deployments/cluster.war"));
        Map<String, String> properties = new TreeMap<>(peers);
        properties.put("jboss.node.name", name);
        return WildFlyProcess.start(HOME, base.toAbsolutePath(), "standalone-ha.xml", offset, properties,
                Map.of("DIALOGHOOK_SECRET", WebhookIT.SECRET), WORK.resolve(name + ".out"));
    }

    /** Waits until the first server saw the second join and the second finished taking its share of the caches. */
    private static void awaitOneCluster(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (MEMBERS.get(0).logText().contains("Node member2 joined the cluster")
                    && MEMBERS.get(1).logText().contains("Finished rebalance with members [member1, member2]")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the two servers did not form one cluster within " + timeout + "; see "
                + MEMBERS.get(0).log() + " and " + MEMBERS.get(1).log());
    }

    private static HttpResponse<String> post(WildFlyProcess member, SignedDelivery delivery)
            throws IOException, InterruptedException {
        WebhookIT.SENT_CREDENTIALS.add("Bearer " + delivery.token());
        return HTTP.send(HttpRequest.newBuilder(member.uri(CONTEXT + "/webhook"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + delivery.token())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject reply(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String text(HttpResponse<String> response) {
        return reply(response).getJsonArray("blocks").getJsonObject(0).getString("text");
    }

    @Test
    @Order(1)
    void aDeliverySentToBothServersRunsOnceAndGetsOneReply() throws Exception {
        WildFlyProcess first = MEMBERS.get(0);
        WildFlyProcess second = MEMBERS.get(1);
        SignedDelivery delivery = DeliverySigner.withSecret(WebhookIT.SECRET).handler("count").sign();
        HttpResponse<String> fromFirst = post(first, delivery);
        HttpResponse<String> fromSecond = post(second, delivery);
        assertEquals("run 1", text(fromFirst));
        assertEquals(fromFirst.body(), fromSecond.body(), "the second server answers with the first server's reply");
        assertEquals("true", fromSecond.headers().firstValue("Dialoghook-Redelivery").orElse(null));
        SignedDelivery another = DeliverySigner.withSecret(WebhookIT.SECRET).handler("count").sign();
        assertEquals("run 1", text(post(second, another)), "the handler on the second server had not run before");
        for (WildFlyProcess member : MEMBERS) {
            String log = member.logText();
            assertTrue(log.contains("DH-0600 replay store: shared map " + CACHE), "the DH-0600 line names the cache");
            assertTrue(log.contains("records kept PT10M"), "the receiver read the cache's lifespan, as the script set it");
            assertFalse(log.contains(WebhookIT.SECRET), "the secret never reaches the log");
        }
    }

    /**
     * Past the replay window, while the cache still holds the record, a copy sent to the other server runs again and
     * is known as a repeat: the other server replaced the record that the first one wrote, which Infinispan allows
     * only when the bytes it compares, after carrying them between the servers, are the same.
     */
    @Test
    @Order(2)
    void pastTheWindowACopySentToTheOtherServerRunsAgainAsARepeat() throws Exception {
        SignedDelivery delivery = DeliverySigner.withSecret(WebhookIT.SECRET).handler("count").lifetime(null).sign();
        HttpResponse<String> first = post(MEMBERS.get(0), delivery);
        assertEquals(JsonValue.TRUE, reply(first).getJsonObject("attributes").get("firstDelivery"));
        Thread.sleep(5000);
        HttpResponse<String> later = post(MEMBERS.get(1), delivery);
        assertEquals(null, later.headers().firstValue("Dialoghook-Redelivery").orElse(null), "it ran again");
        assertEquals(JsonValue.FALSE, reply(later).getJsonObject("attributes").get("firstDelivery"),
                "the second server found the first server's expired record and took it over");
        HttpResponse<String> again = post(MEMBERS.get(0), delivery);
        assertEquals(later.body(), again.body(), "the first server now answers with the second server's reply");
        assertNotEquals(first.body(), again.body());
    }

    /**
     * A full cache evicts records before their window ends: the receiver reads the evictions from WildFly's
     * management model and warns with {@code DH-0606}, naming how many (that it warns only once is
     * {@code SharedReplayStoreTest}'s).
     */
    @Test
    @Order(3)
    void recordsEvictedFromAFullCacheAreCountedAndLogged() throws Exception {
        WildFlyProcess first = MEMBERS.get(0);
        assertFalse(first.logText().contains("DH-0606"), "no eviction before the cache is full");
        for (int i = 0; i < CACHE_SIZE * 2; i++) {
            assertEquals(200, post(first, DeliverySigner.withSecret(WebhookIT.SECRET).handler("count").sign())
                    .statusCode());
        }
        // the store looks at the evictions at most every 10 seconds, on a delivery
        Thread.sleep(10_500);
        assertEquals(200, post(first, DeliverySigner.withSecret(WebhookIT.SECRET).handler("count").sign()).statusCode());
        Matcher warning = Pattern.compile("DH-0606 the data grid evicted (\\d+) replay records").matcher(first.logText());
        assertTrue(warning.find(), "DH-0606 is logged");
        assertTrue(Long.parseLong(warning.group(1)) > 0, warning.group());
    }
}
