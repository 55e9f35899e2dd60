package org.dialoghook.it.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** A {@code @Transactional} CDI bean that writes a row per run; {@code fail=true} throws after the row. */
@ApplicationScoped
@Transactional
@HandlerName("ledger-cdi")
public class LedgerTransactionalHandler implements WebhookHandler {

    @Inject
    Ledger ledger;

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) throws Exception {
        int attempt = ledger.attempt(request.deliveryId());
        ledger.write(request.deliveryId(), "cdi");
        if (request.formValue("fail").isPresent()) {
            throw new IllegalStateException("asked to fail after writing its row");
        }
        response.pushText("attempt " + attempt + ", rows seen "
                + ledger.count("it_ledger", "delivery_id", request.deliveryId()));
    }
}
