package com.example.bot;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** A session bean handler that asks another session bean for a price. */
@Stateless
@HandlerName("price-quote")
public class PriceQuoteHandler implements WebhookHandler {

    /** The portal block that offers other items. */
    static final String NOT_SOLD_BLOCK = "64a0c0ffee0000000000beef";

    @EJB
    PriceList prices;

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        String item = request.formValue("item").orElse("");
        prices.priceOf(item).ifPresentOrElse(
                price -> response.pushText("A " + item + " costs " + price + " EUR.").setAttribute("price", price),
                () -> response.pushBlockPointer(NOT_SOLD_BLOCK));
    }
}
