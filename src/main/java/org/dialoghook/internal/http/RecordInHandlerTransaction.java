package org.dialoghook.internal.http;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dialoghook.Reply;
import org.dialoghook.internal.dispatch.HandlerTransaction;
import org.dialoghook.internal.replay.JdbcReplayStore;
import org.dialoghook.internal.replay.ReplayStore;
import org.dialoghook.internal.replay.ReplayStoreFailedException;
import org.dialoghook.internal.replay.StoredReply;

/**
 * The JTA transaction that one synchronous delivery's record in the application's database shares with its
 * handler's own work. It begins on the handler's thread with the delivery's claim as its first statement, so a copy
 * of the delivery waits on the claim's row lock, on whichever member it arrives; it commits the handler's reply
 * beside the handler's rows, or rolls back and leaves neither.
 *
 * <p>What is kept: the handler's reply, when the handler returned in time and its transaction committed. Nothing
 * when the handler threw, when the deadline passed before it returned, or when it marked the transaction
 * rollback-only: a copy of the delivery then runs the handler again.
 */
final class RecordInHandlerTransaction implements HandlerTransaction {

    private static final Logger LOG = Logger.getLogger(RecordInHandlerTransaction.class.getName());
    private static final Duration QUEUE_MARGIN = Duration.ofSeconds(5);

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int ABANDONED = 2;
    private static final int COMMITTING = 3;
    private static final int COMMITTED = 4;
    private static final int ROLLED_BACK = 5;

    private final UserTransaction transaction;
    private final JdbcReplayStore store;
    private final ReplyWriter replies;
    private final String key;
    private final String deliveryId;
    private final Duration window;
    private final Duration wait;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private volatile boolean seenBefore;
    private volatile StoredReply kept;
    private volatile boolean markedRollbackOnly;

    RecordInHandlerTransaction(UserTransaction transaction, JdbcReplayStore store, ReplyWriter replies, String key,
            String deliveryId, Duration window, Duration wait) {
        this.transaction = transaction;
        this.store = store;
        this.replies = replies;
        this.key = key;
        this.deliveryId = deliveryId;
        this.window = window;
        this.wait = wait;
    }

    @Override
    public void begin() {
        beginTransaction();
        ReplayStore.Claim claim;
        try (Connection connection = store.dataSource().getConnection()) {
            claim = store.claim(connection, key, window, wait);
        } catch (SQLException e) {
            rollbackQuietly();
            throw new ReplayStoreFailedException("claiming delivery " + key, e);
        } catch (RuntimeException | Error e) {
            rollbackQuietly();
            throw e;
        }
        if (claim.earlierReply().isPresent()) {
            rollbackQuietly();
            throw new EarlierReplyFound(claim.earlierReply().get());
        }
        if (!state.compareAndSet(NEW, RUNNING)) {
            rollbackQuietly();
            throw new IllegalStateException("delivery " + deliveryId + " was given up before its handler ran");
        }
        seenBefore = claim.seenBefore();
    }

    private void beginTransaction() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                LOG.log(Level.WARNING, "DH-0624 delivery={0}: the handler thread was still in a transaction; it is "
                        + "rolled back before the delivery''s own begins", deliveryId);
                transaction.rollback();
            }
            transaction.setTransactionTimeout(timeoutSeconds());
            try {
                transaction.begin();
            } finally {
                transaction.setTransactionTimeout(0);
            }
        } catch (NotSupportedException | SystemException | RuntimeException e) {
            throw new IllegalStateException("the transaction of delivery " + deliveryId + " could not begin ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Long enough for a copy's wait, the handler and the commit; a handler that never returns is rolled back then. */
    private int timeoutSeconds() {
        return (int) Math.min(Integer.MAX_VALUE, wait.multipliedBy(2).plus(QUEUE_MARGIN).toSeconds() + 1);
    }

    @Override
    public void commit(Reply reply) {
        if (!state.compareAndSet(RUNNING, COMMITTING)) {
            rollbackQuietly();
            return;
        }
        try {
            if (transaction.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                markedRollbackOnly = true;
                rollbackQuietly();
                return;
            }
            StoredReply stored = new StoredReply(200, MediaType.APPLICATION_JSON, replies.toJson(reply));
            try (Connection connection = store.dataSource().getConnection()) {
                store.complete(connection, key, stored, window);
            }
            transaction.commit();
            kept = stored;
            state.set(COMMITTED);
        } catch (SQLException e) {
            rollbackQuietly();
            throw new ReplayStoreFailedException("keeping the reply of delivery " + key, e);
        } catch (RollbackException | HeuristicMixedException | HeuristicRollbackException | SystemException e) {
            state.set(ROLLED_BACK);
            rollbackQuietly();
            throw new IllegalStateException("the transaction of delivery " + deliveryId + " did not commit ("
                    + e.getClass().getSimpleName() + "): neither the handler's work nor the delivery's record was kept",
                    e);
        } catch (RuntimeException | Error e) {
            rollbackQuietly();
            throw e;
        }
    }

    @Override
    public void rollback() {
        int now = state.get();
        if (now != COMMITTED && now != ROLLED_BACK) {
            rollbackQuietly();
        }
    }

    @Override
    public boolean abandon() {
        while (true) {
            int now = state.get();
            if (now == NEW || now == RUNNING) {
                if (state.compareAndSet(now, ABANDONED)) {
                    return true;
                }
            } else {
                return now == ABANDONED || now == ROLLED_BACK;
            }
        }
    }

    @Override
    public Duration longestBegin() {
        return wait.plus(QUEUE_MARGIN);
    }

    /**
     * Whether no earlier copy of the delivery is known; read by the handler, after the claim.
     *
     * @return false when the claim took over the record of a copy whose window had passed
     */
    boolean firstDelivery() {
        return !seenBefore;
    }

    /**
     * The reply kept with the handler's work, once the transaction committed.
     *
     * @return the reply, or empty when nothing was kept
     */
    Optional<StoredReply> kept() {
        return Optional.ofNullable(kept);
    }

    /**
     * Whether the handler marked its transaction rollback-only: its reply was sent but not kept.
     *
     * @return true when it did
     */
    boolean markedRollbackOnly() {
        return markedRollbackOnly;
    }

    /** Ends the transaction on this thread whatever state it is in; the thread must leave with none. */
    private void rollbackQuietly() {
        if (state.get() != ABANDONED) {
            state.set(ROLLED_BACK);
        }
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.FINE, "rolling back the transaction of delivery " + deliveryId, e);
        }
    }
}
