package org.dialoghook.it.ledger;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/**
 * A stateless EJB with container-managed transactions (REQUIRED) that writes a row per run. Form values steer it:
 * {@code pauseMillis} pauses the first run after its row, {@code fail=true} throws after it, and
 * {@code rollbackOnly=true} marks the transaction rollback-only and replies all the same.
 */
@Stateless
@HandlerName("ledger")
public class LedgerEjbHandler implements WebhookHandler {

    @Inject
    Ledger ledger;

    @Resource
    SessionContext context;

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) throws Exception {
        int attempt = ledger.attempt(request.deliveryId());
        ledger.write(request.deliveryId(), "ejb");
        if (attempt == 1) {
            Thread.sleep(Long.parseLong(request.formValue("pauseMillis").orElse("0")));
        }
        if (request.formValue("fail").isPresent()) {
            throw new IllegalStateException("asked to fail after writing its row");
        }
        // counted before a rollback-only mark: WildFly runs no statement in a transaction so marked
        response.pushText("attempt " + attempt + ", rows seen "
                + ledger.count("it_ledger", "delivery_id", request.deliveryId()))
                .setAttribute("firstDelivery", request.firstDelivery());
        if (request.formValue("rollbackOnly").isPresent()) {
            context.setRollbackOnly();
        }
    }
}
