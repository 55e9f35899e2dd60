package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dialoghook.it.handlers.CountingHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro members clustered on loopback (Hazelcast discovery by TCP on 127.0.0.1 only), the same
 * WAR on both: a delivery sent to one member and then to the other gets one reply, and its handler runs once.
 */
class ClusterIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The members' WAR and logs: below the Failsafe execution's own work folder, one per Payara version. */
    private static final Path WORK = Path.of(System.getProperty("dialoghook.it.work", "target"), "cluster-it");
    private static final List<PayaraMicroProcess> MEMBERS = new ArrayList<>();
    private static int firstPort;
    private static int secondPort;

    @BeforeAll
    static void startTwoMembers() throws Exception {
        Files.createDirectories(WORK);
        File war = WORK.resolve("cluster.war").toFile();
        WebhookIT.receiver("cluster", WebhookIT.withSecret(), CountingHandler.class)
                .as(ZipExporter.class).exportTo(war, true);
        String cluster = "dialoghook-it-" + UUID.randomUUID();
        int firstGridPort = PayaraMicroProcess.freePort();
        firstPort = PayaraMicroProcess.freePort();
        secondPort = PayaraMicroProcess.freePort();
        MEMBERS.add(start("member1", war, firstPort, cluster, firstGridPort, firstGridPort));
        MEMBERS.add(start("member2", war, secondPort, cluster, PayaraMicroProcess.freePort(), firstGridPort));
        for (PayaraMicroProcess member : MEMBERS) {
            member.awaitReady(Duration.ofSeconds(240));
        }
    }

    @AfterAll
    static void stopMembers() throws InterruptedException {
        for (PayaraMicroProcess member : MEMBERS) {
            member.signalStop();
        }
        for (PayaraMicroProcess member : MEMBERS) {
            member.awaitExit(Duration.ofSeconds(30));
        }
    }

    private static PayaraMicroProcess start(String name, File war, int httpPort, String cluster, int gridPort,
            int seedPort) throws IOException {
        return PayaraMicroProcess.start(war, httpPort, WORK.resolve(name + ".log"), List.of(
                "--clustername", cluster,
                "--clustermode", "tcpip:127.0.0.1:" + seedPort,
                "--interfaces", "127.0.0.1",
                "--startport", String.valueOf(gridPort),
                "--prebootcommandfile", Path.of("server-config", "payara-micro", "loopback.asadmin").toString()));
    }

    private static HttpResponse<String> post(int port, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhook"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
            WebhookIT.SENT_CREDENTIALS.add("Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        JsonObject reply = Json.createReader(new StringReader(response.body())).readObject();
        return reply.getJsonArray("blocks").getJsonObject(0).getString("text");
    }

    @Test
    void aDeliverySentToBothMembersRunsOnceAndGetsOneReply() throws Exception {
        SignedDelivery delivery = DeliverySigner.withSecret(WebhookIT.SECRET).handler("count").sign();
        HttpResponse<String> fromFirst = post(firstPort, delivery.body(), delivery.token());
        HttpResponse<String> fromSecond = post(secondPort, delivery.body(), delivery.token());
        assertEquals("run 1", text(fromFirst));
        assertEquals(fromFirst.body(), fromSecond.body(), "the second member answers with the first member's reply");
        assertEquals("true", fromSecond.headers().firstValue("Dialoghook-Redelivery").orElse(null));
        SignedDelivery another = DeliverySigner.withSecret(WebhookIT.SECRET).handler("count").sign();
        assertEquals("run 1", text(post(secondPort, another.body(), another.token())),
                "the handler on the second member had not run before");
        assertTrue(Files.readString(WORK.resolve("member2.log")).contains("DH-0600 replay store: JCache"));
        assertTrue(Files.readString(WORK.resolve("member1.log")).contains("DG Size: 2")
                || Files.readString(WORK.resolve("member2.log")).contains("DG Size: 2"), "the two members formed one grid");
    }
}
