package org.dialoghook.internal.dispatch;

import java.time.Duration;
import org.dialoghook.Reply;

/**
 * A transaction that one synchronous handler run joins: begun on the handler's own thread just before the handler
 * runs and ended there just after it, so that what the caller records and the handler's own transactional work
 * (an EJB with container-managed transactions, a {@code @Transactional} bean) commit together or not at all.
 *
 * <p>The {@link Dispatcher} holds only the handler to its deadline, never the beginning; when the deadline passes it
 * {@linkplain #abandon() abandons} the transaction, which then rolls back whatever the handler does later.
 */
public interface HandlerTransaction {

    /**
     * Begins the transaction on the handler's thread; the handler runs only when this returns.
     *
     * @throws RuntimeException when the delivery is not to run: it reaches the dispatcher's caller unchanged, and the
     *         transaction is already rolled back
     */
    void begin();

    /**
     * Ends the transaction after the handler gave its reply: commits it, unless it was abandoned or marked
     * rollback-only meanwhile (then rolls it back).
     *
     * @param reply the handler's reply
     * @throws RuntimeException when the commit failed: the handler's work did not take place
     */
    void commit(Reply reply);

    /** Ends the transaction after the handler failed: rolls it back. Does nothing when it has ended already. */
    void rollback();

    /**
     * Called by the dispatcher, on its own thread, when the handler's deadline passed.
     *
     * @return true when the transaction will roll back whatever the handler does; false when the handler's reply is
     *         being committed already, and the dispatcher should wait for it
     */
    boolean abandon();

    /**
     * How long {@link #begin()} may take at most (it may wait for an earlier run of the same delivery).
     *
     * @return the longest beginning
     */
    Duration longestBegin();
}
