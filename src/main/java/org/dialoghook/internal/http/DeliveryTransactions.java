package org.dialoghook.internal.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.dialoghook.internal.auth.VerifiedDelivery;
import org.dialoghook.internal.dispatch.HandlerRegistry;
import org.dialoghook.internal.replay.JdbcReplayStore;
import org.dialoghook.internal.replay.ReplayStore;

/**
 * Decides whether a delivery's record is written in its handler's transaction: when the replay store is in the
 * application's database and the handler is synchronous. An asynchronous handler's work is on no one thread's
 * transaction, so its record is kept by the store's own short transactions, as with the other stores.
 */
@ApplicationScoped
public class DeliveryTransactions {

    /** Where every Jakarta EE server binds the application's {@code UserTransaction}. */
    static final String USER_TRANSACTION = "java:comp/UserTransaction";

    @Inject
    ReplayStore store;

    @Inject
    HandlerRegistry registry;

    @Inject
    ReplyWriter replies;

    private volatile UserTransaction userTransaction;

    /**
     * The transaction a delivery's record shares with its handler's work.
     *
     * @param delivery the verified delivery
     * @param key its replay key
     * @param window how long its record is kept
     * @param wait how long a copy waits for a first run still going
     * @return the transaction, not begun yet; empty when the record is kept the ordinary way
     */
    Optional<RecordInHandlerTransaction> open(VerifiedDelivery delivery, String key, Duration window, Duration wait) {
        if (!(store instanceof JdbcReplayStore jdbc)) {
            return Optional.empty();
        }
        boolean synchronous = registry.find(delivery.body().handlerName())
                .map(handler -> handler.asyncHandler() == null).orElse(false);
        if (!synchronous) {
            return Optional.empty();
        }
        return Optional.of(new RecordInHandlerTransaction(userTransaction(), jdbc, replies, key, delivery.deliveryId(),
                window, wait));
    }

    private UserTransaction userTransaction() {
        UserTransaction found = userTransaction;
        if (found == null) {
            try {
                found = InitialContext.doLookup(USER_TRANSACTION);
            } catch (NamingException e) {
                throw new IllegalStateException("the server binds no UserTransaction at " + USER_TRANSACTION
                        + "; the replay store in the application's database needs one", e);
            }
            userTransaction = found;
        }
        return found;
    }
}
