package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dialoghook.it.ledger.Ledger;
import org.dialoghook.it.ledger.LedgerAdminHandler;
import org.dialoghook.it.ledger.LedgerEjbHandler;
import org.dialoghook.it.ledger.LedgerTransactionalHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replay store in the application's database ({@code dialoghook.replay.store=jdbc}) on the server's built-in
 * data source: Payara's {@code jdbc/__default}, WildFly's {@code ExampleDS}; run on Dialoghook's own WAR
 * ({@link JdbcReplayIT}) and on a team's WAR ({@link JdbcReplayTeamWarIT}). A synchronous handler's rows and the
 * delivery's record commit together or not at all: a copy of a committed delivery gets its reply and the handler
 * does not run again; a delivery whose transaction rolled back (the handler threw, marked it rollback-only, or
 * missed its deadline) leaves neither, and a copy runs the handler again.
 */
abstract class JdbcReplayChecks extends WebhookIT {

    /** The data source the store is told to use, by the name each server gives its built-in one. */
    static String dataSourceName() {
        return System.getProperty("arquillian.launch", "").startsWith("wildfly")
                ? "java:jboss/datasources/ExampleDS" : "jdbc/__default";
    }

    /** The settings both WARs deploy with. */
    static Map<String, String> settings() {
        return Map.of("dialoghook.secret", SECRET, "dialoghook.replay.store", "jdbc",
                "dialoghook.replay.datasource", dataSourceName(), "dialoghook.handlers.ledger.timeout", "PT2S");
    }

    /** The test handlers and their table. */
    static Class<?>[] handlers() {
        return new Class<?>[] {Ledger.class, LedgerEjbHandler.class, LedgerTransactionalHandler.class,
            LedgerAdminHandler.class};
    }

    @BeforeEach
    void createTheHandlersTable() {
        assertEquals(200, deliver(signer().handler("ledger-admin").formValue("action", "setup").sign()).statusCode());
    }

    private static DeliverySigner ledger(String handler, String deliveryId) {
        return signer().handler(handler).jti(deliveryId);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The delivery's rows in the handlers' table, its records in the replay table, and how often its handler ran. */
    private JsonObject counts(String deliveryId) {
        HttpResponse<String> counted = deliver(signer().handler("ledger-admin").formValue("action", "count")
                .formValue("of", deliveryId).sign());
        assertEquals(200, counted.statusCode(), counted::body);
        return json(counted).getJsonObject("attributes");
    }

    private void assertCounts(String deliveryId, int rows, int records, int attempts) {
        JsonObject counts = counts(deliveryId);
        assertEquals(rows, counts.getInt("rows"), () -> "rows of the handler: " + counts);
        assertEquals(records, counts.getInt("records"), () -> "records in the replay table: " + counts);
        assertEquals(attempts, counts.getInt("attempts"), () -> "runs of the handler: " + counts);
    }

    private static String text(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        return json(response).getJsonArray("blocks").getJsonObject(0).getString("text");
    }

    @Test
    void anEjbsCommittedRunIsAnsweredToEveryCopyAndLeavesOneRow() {
        String id = newId();
        SignedDelivery delivery = ledger("ledger", id).sign();
        HttpResponse<String> first = deliver(delivery);
        assertEquals("attempt 1, rows seen 1", text(first), "the handler saw its own row in the transaction");
        HttpResponse<String> copy = deliver(delivery);
        assertEquals(first.body(), copy.body());
        assertEquals("true", copy.headers().firstValue("Dialoghook-Redelivery").orElse(null));
        assertCounts(id, 1, 1, 1);
    }

    @Test
    void aTransactionalBeansCommittedRunIsAnsweredToEveryCopyAndLeavesOneRow() {
        String id = newId();
        SignedDelivery delivery = ledger("ledger-cdi", id).sign();
        HttpResponse<String> first = deliver(delivery);
        assertEquals("attempt 1, rows seen 1", text(first));
        assertEquals(first.body(), deliver(delivery).body());
        assertCounts(id, 1, 1, 1);
    }

    @Test
    void aHandlerThatThrowsLeavesNeitherItsRowNorARecordAndACopyRunsItAgain() {
        for (String handler : List.of("ledger", "ledger-cdi")) {
            String id = newId();
            SignedDelivery delivery = ledger(handler, id).formValue("fail", "true").sign();
            assertProblem(deliver(delivery), 500, "handler-failed");
            assertCounts(id, 0, 0, 1);
            HttpResponse<String> copy = deliver(delivery);
            assertProblem(copy, 500, "handler-failed");
            assertNull(copy.headers().firstValue("Dialoghook-Redelivery").orElse(null), "not answered from a record");
            assertCounts(id, 0, 0, 2);
        }
    }

    @Test
    void aHandlerThatMarksItsTransactionRollbackOnlyHasItsReplySentAndNothingKept() {
        String id = newId();
        SignedDelivery delivery = ledger("ledger", id).formValue("rollbackOnly", "true").sign();
        assertEquals("attempt 1, rows seen 1", text(deliver(delivery)));
        assertCounts(id, 0, 0, 1);
        assertEquals("attempt 2, rows seen 1", text(deliver(delivery)), "a copy runs it again");
        assertCounts(id, 0, 0, 2);
    }

    @Test
    void workThatMissedTheDeadlineIsRolledBackAndACopyRunsAgain() throws Exception {
        String id = newId();
        SignedDelivery delivery = ledger("ledger", id).formValue("pauseMillis", "3500").sign();
        assertProblem(deliver(delivery), 504, "handler-timed-out");
        Await.until("the late run's transaction ended", Duration.ofSeconds(20),
                () -> counts(id).getInt("attempts") == 1 && deliverCopy(delivery) != null);
        assertCounts(id, 1, 1, 2);
    }

    /** Sends a copy once the late first run has ended: a copy that finds it still open is answered 409. */
    private String deliverCopy(SignedDelivery delivery) {
        HttpResponse<String> copy = deliver(delivery);
        if (copy.statusCode() == 409) {
            return null;
        }
        assertEquals("attempt 2, rows seen 1", text(copy), "the late run left no row and no record");
        return copy.body();
    }

    @Test
    void copiesThatArriveWhileTheTransactionIsOpenWaitForItsReply() throws Exception {
        String id = newId();
        SignedDelivery delivery = ledger("ledger", id).formValue("pauseMillis", "800").sign();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> copies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                copies.add(senders.submit(() -> deliver(delivery)));
            }
            Set<String> replies = new HashSet<>();
            for (Future<HttpResponse<String>> copy : copies) {
                replies.add(text(copy.get(60, TimeUnit.SECONDS)));
            }
            assertEquals(Set.of("attempt 1, rows seen 1"), replies, "every copy got the one run's reply");
        } finally {
            senders.shutdownNow();
        }
        assertCounts(id, 1, 1, 1);
    }

    @Test
    void anAsynchronousHandlersRecordIsKeptByTheStoreOnItsOwn() {
        String id = newId();
        SignedDelivery delivery = signer().handler("ledger-admin").formValue("action", "count").formValue("of", id)
                .sign();
        HttpResponse<String> first = deliver(delivery);
        assertEquals(200, first.statusCode(), first::body);
        HttpResponse<String> copy = deliver(delivery);
        assertEquals(first.body(), copy.body());
        assertEquals("true", copy.headers().firstValue("Dialoghook-Redelivery").orElse(null));
    }

    @Test
    void aReplayTableThatCannotBeReachedIsA503AndTheDeliveryDoesNotRun() throws Exception {
        assertEquals("hidden", text(deliver(signer().handler("ledger-admin").formValue("action", "hide")
                .formValue("millis", "8000").sign())));
        String id = newId();
        SignedDelivery delivery = ledger("ledger", id).sign();
        JsonObject problem = assertProblem(deliver(delivery), 503, "replay-store-unavailable");
        assertTrue(problem.getString("detail").contains("send it again later"), problem::toString);
        Await.until("the replay table is back", Duration.ofSeconds(30),
                () -> deliver(delivery).statusCode() == 200);
        assertCounts(id, 1, 1, 1);
    }
}
