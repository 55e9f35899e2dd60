package org.dialoghook.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dialoghook.AsyncWebhookHandler;
import org.dialoghook.HandlerName;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;
import org.junit.jupiter.api.Test;

class InProcessHandlerTest {

    /** A typed form with constraints. */
    public static class Booking {

        @NotBlank(message = "please give a name")
        public String name;

        @Min(value = 1, message = "at least one guest")
        public int guests;
    }

    /** Binds the booking form and answers with a text block and attributes. */
    @HandlerName("booking")
    public static class BookingHandler implements WebhookHandler {

        @Override
        public void handle(WebhookRequest request, ResponseBuilder response) {
            Booking booking = request.form(Booking.class);
            response.pushText("A table for " + booking.guests + ", " + booking.name + ".")
                    .setAttribute("bot", request.bot())
                    .setAttribute("delivery", request.deliveryId())
                    .setAttribute("first", request.firstDelivery())
                    .setAttribute("channel", request.parameters().getString("channel", "none"));
        }
    }

    /** Answers later, with a block pointer. */
    @HandlerName("later")
    public static class LaterHandler implements AsyncWebhookHandler {

        @Override
        public CompletionStage<Reply> handle(WebhookRequest request) {
            return CompletableFuture.supplyAsync(() -> new ResponseBuilder()
                    .pushBlockPointer("64a0c0ffee0000000000a001").build());
        }
    }

    /** Fails as a bug would. */
    @HandlerName("broken")
    public static class BrokenHandler implements WebhookHandler {

        @Override
        public void handle(WebhookRequest request, ResponseBuilder response) {
            throw new IllegalStateException("the stock service is down");
        }
    }

    /** Has no name. */
    public static class NamelessHandler implements WebhookHandler {

        @Override
        public void handle(WebhookRequest request, ResponseBuilder response) {
            response.pushText("never");
        }
    }

    @Test
    void aTypedFormIsBoundAndTheReplyIsWhatTheBotReceives() {
        InProcessHandler booking = InProcessHandler.of(BookingHandler.class).bot("shop").firstDelivery(false);
        DeliveryReply reply = booking.deliver(booking.delivery()
                .formValue("name", "Ada")
                .formValue("guests", Json.createObjectBuilder().add("value", 4).build())
                .parameter("channel", Json.createValue("web"))
                .jti("order-7"));
        assertEquals(200, reply.status());
        assertEquals("A table for 4, Ada.", reply.firstText().orElseThrow());
        assertEquals("shop", reply.attributes().getString("bot"));
        assertEquals("order-7", reply.attributes().getString("delivery"), "the id the receiver gives a jti");
        assertFalse(reply.attributes().getBoolean("first"));
        assertEquals("web", reply.attributes().getString("channel"));
        assertEquals("{\"type\":\"text\",\"text\":\"A table for 4, Ada.\"}", reply.blocks().get(0).toString());
    }

    @Test
    void anInvalidFormGetsTheReceiversInvalidFormReply() {
        InProcessHandler booking = InProcessHandler.of(new BookingHandler());
        DeliveryReply reply = booking.deliver(booking.delivery().formValue("name", " ")
                .formValue("guests", Json.createValue(0)));
        assertEquals(200, reply.status());
        String text = reply.firstText().orElseThrow();
        assertTrue(text.contains("please give a name") && text.contains("at least one guest"), text);
    }

    @Test
    void theInvalidFormBlockSettingIsHonoured() {
        InProcessHandler booking = InProcessHandler.of(new BookingHandler())
                .setting("dialoghook.handlers.booking.invalid-form-block", "64a0c0ffee0000000000beef");
        DeliveryReply reply = booking.deliver(booking.delivery().formValue("guests", Json.createValue("many")));
        assertEquals("64a0c0ffee0000000000beef", reply.blocks().get(0).getString("id"));
    }

    @Test
    void anAsynchronousHandlersReplyIsAwaited() {
        InProcessHandler later = InProcessHandler.of(new LaterHandler());
        DeliveryReply reply = later.deliver("{\"handler\":\"later\",\"formValues\":{}}");
        assertEquals("64a0c0ffee0000000000a001", reply.blocks().get(0).getString("id"));
    }

    @Test
    void aHandlersFailureReachesTheTest() {
        InProcessHandler broken = InProcessHandler.of(new BrokenHandler());
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> broken.deliver(broken.delivery()));
        assertEquals("the stock service is down", failure.getMessage());
    }

    @Test
    void aBodyTheReceiverWouldRefuseIsRefusedWithItsReason() {
        InProcessHandler booking = InProcessHandler.of(new BookingHandler());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> booking.deliver("{\"formValues\":{}}"));
        assertTrue(refused.getMessage().contains("names no handler"), refused.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> booking.deliver("{\"handler\":\"later\"}"));
        assertTrue(other.getMessage().contains("'later'"), other.getMessage());
    }

    @Test
    void aClassWithoutAHandlerNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> InProcessHandler.of(new NamelessHandler()));
        assertThrows(IllegalArgumentException.class, () -> InProcessHandler.of(String.class));
    }

    @Test
    void theSameRunnerServesManyDeliveries() {
        InProcessHandler booking = InProcessHandler.of(new BookingHandler());
        DeliveryReply first = booking.deliver("{\"handler\":\"booking\",\"formValues\":{\"name\":\"Ada\",\"guests\":2}}");
        DeliveryReply second = booking.deliver("{\"handler\":\"booking\",\"formValues\":{\"name\":\"Bo\",\"guests\":3}}");
        assertEquals("A table for 2, Ada.", first.firstText().orElseThrow());
        assertEquals("A table for 3, Bo.", second.firstText().orElseThrow());
        assertSame(first.getClass(), second.getClass());
    }
}
