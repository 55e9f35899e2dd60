package org.dialoghook.it.crash;

import jakarta.persistence.PrePersist;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A default entity listener of the test WAR ({@code META-INF/orm.xml}), so the example's handler stays as it is:
 * when a ticket is persisted, its delivery stops here if it was asked to stop {@link CrashPoint#DURING_HANDLER}, and
 * one asked to stop {@link CrashPoint#AFTER_COMMIT} gets a JTA synchronization that stops it once the transaction
 * has committed.
 */
public class CrashListener {

    /**
     * Called by JPA before the ticket is persisted, in the handler's transaction.
     *
     * @param entity the ticket
     * @throws NamingException when the transaction registry cannot be found
     */
    @PrePersist
    public void beforePersist(Object entity) throws NamingException {
        String deliveryId = deliveryId(entity);
        if (CrashHooks.armed(deliveryId, CrashPoint.AFTER_COMMIT)) {
            TransactionSynchronizationRegistry registry = InitialContext.doLookup(
                    "java:comp/TransactionSynchronizationRegistry");
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing before
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        CrashHooks.stopIfArmed(deliveryId, CrashPoint.AFTER_COMMIT);
                    }
                }
            });
        }
        CrashHooks.stopIfArmed(deliveryId, CrashPoint.DURING_HANDLER);
    }

    private static String deliveryId(Object entity) {
        try {
            return (String) entity.getClass().getMethod("getDeliveryId").invoke(entity);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("not a ticket: " + entity.getClass(), e);
        }
    }
}
