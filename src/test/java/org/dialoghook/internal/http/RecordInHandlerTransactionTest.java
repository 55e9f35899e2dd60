package org.dialoghook.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.replay.JdbcReplayStore;
import org.dialoghook.internal.replay.StoredReply;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery's record in its handler's transaction, on H2 with a one-resource transaction manager: the reply is
 * kept with the handler's rows when the transaction commits, and nothing of either when it rolls back, is
 * abandoned at the deadline, is marked rollback-only, or fails at commit; a copy waits on the open transaction.
 */
class RecordInHandlerTransactionTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private LocalTransactions transactions;
    private JdbcReplayStore store;
    private ReplyWriter replies;

    @BeforeEach
    void openStore() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:handler-transactions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        transactions = new LocalTransactions(h2);
        store = JdbcReplayStore.open(transactions, Clock.systemUTC());
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tickets (delivery_id VARCHAR(255) NOT NULL)");
        }
        replies = new ReplyWriter();
        replies.json = new JsonSupport();
    }

    private RecordInHandlerTransaction transaction(String deliveryId) {
        return new RecordInHandlerTransaction(transactions, store, replies, "default|" + deliveryId + "|digest",
                deliveryId, WINDOW, WAIT);
    }

    /** What a handler that joins the transaction does: one row of its own. */
    private void writeTicket(String deliveryId) throws SQLException {
        try (Connection connection = transactions.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO tickets VALUES (?)")) {
            insert.setString(1, deliveryId);
            insert.executeUpdate();
        }
    }

    private int count(String sql, String deliveryId) throws SQLException {
        try (Connection connection = transactions.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, deliveryId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private int tickets(String deliveryId) throws SQLException {
        return count("SELECT COUNT(*) FROM tickets WHERE delivery_id = ?", deliveryId);
    }

    private int records(String deliveryId) throws SQLException {
        return count("SELECT COUNT(*) FROM dialoghook_replays WHERE replay_key LIKE '%|' || ? || '|%'", deliveryId);
    }

    private static Reply reply(String text) {
        return new ResponseBuilder().pushText(text).build();
    }

    @Test
    void aCommittedRunKeepsItsReplyWithTheHandlersRowsAndACopyGetsThatReply() throws SQLException {
        RecordInHandlerTransaction first = transaction("d-1");
        first.begin();
        assertTrue(first.firstDelivery());
        writeTicket("d-1");
        first.commit(reply("ticket 1"));

        StoredReply kept = first.kept().orElseThrow();
        assertEquals(200, kept.status());
        assertEquals(1, tickets("d-1"));
        assertEquals(1, records("d-1"));
        assertFalse(first.abandon(), "a committed reply stands");

        EarlierReplyFound copy = assertThrows(EarlierReplyFound.class, () -> transaction("d-1").begin());
        assertArrayEquals(kept.body(), copy.reply().body());
        assertEquals(1, tickets("d-1"), "the copy wrote nothing");
        assertEquals(jakarta.transaction.Status.STATUS_NO_TRANSACTION, transactions.getStatus(),
                "the copy's transaction is ended");
    }

    @Test
    void aHandlerThatFailedLeavesNeitherItsRowsNorARecordAndACopyRunsAgain() throws SQLException {
        RecordInHandlerTransaction first = transaction("d-2");
        first.begin();
        writeTicket("d-2");
        first.rollback();
        assertEquals(0, tickets("d-2"));
        assertEquals(0, records("d-2"));

        RecordInHandlerTransaction copy = transaction("d-2");
        copy.begin();
        writeTicket("d-2");
        copy.commit(reply("ticket 2"));
        assertEquals(1, tickets("d-2"));
        assertTrue(copy.kept().isPresent());
    }

    @Test
    void aRunAbandonedAtTheDeadlineIsRolledBackWhenItsHandlerReturns() throws SQLException {
        RecordInHandlerTransaction late = transaction("d-3");
        late.begin();
        writeTicket("d-3");
        assertTrue(late.abandon(), "the dispatcher answers at the deadline");
        assertTrue(late.abandon(), "and again: it stays abandoned");
        late.commit(reply("too late"));

        assertTrue(late.kept().isEmpty());
        assertEquals(0, tickets("d-3"));
        assertEquals(0, records("d-3"));
        assertEquals(jakarta.transaction.Status.STATUS_NO_TRANSACTION, transactions.getStatus());
    }

    @Test
    void aTransactionMarkedRollbackOnlyKeepsNothingButItsReplyIsSent() throws SQLException {
        RecordInHandlerTransaction marked = transaction("d-4");
        marked.begin();
        writeTicket("d-4");
        transactions.setRollbackOnly();
        marked.commit(reply("sorry"));

        assertTrue(marked.markedRollbackOnly());
        assertTrue(marked.kept().isEmpty());
        assertEquals(0, tickets("d-4"));
        assertEquals(0, records("d-4"));
    }

    @Test
    void aCommitTheDatabaseRefusesIsAFailureAndKeepsNothing() throws SQLException {
        RecordInHandlerTransaction refused = transaction("d-5");
        refused.begin();
        writeTicket("d-5");
        transactions.refuseNextCommit();
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> refused.commit(reply("ticket 5")));
        assertTrue(failed.getMessage().contains("did not commit"), failed.getMessage());
        refused.rollback();
        assertTrue(refused.kept().isEmpty());
        assertEquals(0, tickets("d-5"));
        assertEquals(0, records("d-5"));
        assertTrue(refused.abandon(), "nothing is being committed any more");
    }

    @Test
    void aCopyWaitsForTheOpenTransactionAndGetsItsReply() throws Exception {
        RecordInHandlerTransaction first = transaction("d-6");
        first.begin();
        writeTicket("d-6");
        CompletableFuture<StoredReply> copy = CompletableFuture.supplyAsync(() -> {
            try {
                transaction("d-6").begin();
                return null;
            } catch (EarlierReplyFound found) {
                return found.reply();
            }
        });
        assertThrows(java.util.concurrent.TimeoutException.class, () -> copy.get(300, TimeUnit.MILLISECONDS),
                "the copy waits while the first run's transaction is open");
        first.commit(reply("ticket 6"));
        StoredReply answered = copy.get(30, TimeUnit.SECONDS);
        assertArrayEquals(first.kept().orElseThrow().body(), answered.body());
        assertEquals(1, tickets("d-6"));
    }

    @Test
    void aCopyWhoseFirstRunRolledBackRunsItself() throws Exception {
        RecordInHandlerTransaction first = transaction("d-7");
        first.begin();
        CompletableFuture<Boolean> copy = CompletableFuture.supplyAsync(() -> {
            RecordInHandlerTransaction second = transaction("d-7");
            second.begin();
            try {
                writeTicket("d-7");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            second.commit(reply("ticket 7 by the copy"));
            return second.kept().isPresent();
        });
        first.rollback();
        assertSame(Boolean.TRUE, copy.get(30, TimeUnit.SECONDS));
        assertEquals(1, tickets("d-7"));
        assertEquals(1, records("d-7"));
    }

    @Test
    void aTransactionLeftOnTheHandlersThreadIsRolledBackBeforeTheDeliverysOwnBegins() throws SQLException {
        transaction("d-8").begin();
        writeTicket("d-8");
        RecordInHandlerTransaction next = transaction("d-9");
        next.begin();
        writeTicket("d-9");
        next.commit(reply("ticket 9"));
        assertEquals(0, tickets("d-8"), "the transaction left behind was rolled back (DH-0624)");
        assertEquals(0, records("d-8"));
        assertEquals(1, tickets("d-9"));
        assertEquals(1, records("d-9"));
    }
}
