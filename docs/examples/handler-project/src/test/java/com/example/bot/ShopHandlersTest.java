package com.example.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dialoghook.testkit.DeliveryReply;
import org.dialoghook.testkit.InProcessHandler;
import org.junit.jupiter.api.Test;

/**
 * The shop's handlers without a server: each runs in this JVM with the receiver's own request view, form
 * binding and Bean Validation, so a typed form's messages are checked here in milliseconds. ShopHandlersIT
 * checks the same handlers deployed, behind the token check.
 */
class ShopHandlersTest {

    @Test
    void aValidSupportRequestIsThanked() {
        InProcessHandler support = InProcessHandler.of(SupportRequestHandler.class);
        DeliveryReply reply = support.deliver(support.delivery()
                .formValue("email", "ada@example.com")
                .formValue("description", "The kettle leaks at the handle."));
        assertEquals("Thanks, we will answer at ada@example.com.", reply.firstText().orElseThrow());
    }

    @Test
    void anInvalidSupportRequestIsAnsweredWithItsMessages() {
        InProcessHandler support = InProcessHandler.of(SupportRequestHandler.class);
        DeliveryReply reply = support.deliver(support.delivery()
                .formValue("email", "not-an-address")
                .formValue("description", "short"));
        String text = reply.firstText().orElseThrow();
        assertTrue(text.contains("that is not an e-mail address"), text);
        assertTrue(text.contains("please describe the problem in at least 10 characters"), text);
    }

    @Test
    void aQuoteUsesThePriceListItIsGiven() {
        PriceQuoteHandler quotes = new PriceQuoteHandler();
        quotes.prices = new PriceList();
        InProcessHandler quote = InProcessHandler.of(quotes);
        DeliveryReply kettle = quote.deliver(quote.delivery().formValue("item", "kettle"));
        assertEquals("A kettle costs 39.90 EUR.", kettle.firstText().orElseThrow());
        assertEquals("39.90", kettle.attributes().getJsonNumber("price").toString());
        DeliveryReply anvil = quote.deliver(quote.delivery().formValue("item", "anvil"));
        assertEquals(PriceQuoteHandler.NOT_SOLD_BLOCK, anvil.blocks().get(0).getString("id"));
    }
}
