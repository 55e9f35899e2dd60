package org.dialoghook.internal.http;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.dialoghook.Reply;
import org.dialoghook.internal.auth.VerifiedDelivery;
import org.dialoghook.internal.auth.VerifiedWebhook;
import org.dialoghook.internal.delivery.DefaultWebhookRequest;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.dispatch.Dispatcher;

/**
 * {@code POST /webhook} and {@code POST /webhook/{bot}}: hands a delivery that {@code WebhookTokenFilter}
 * verified to the dispatcher and answers with the handler's reply. The methods accept every media type and
 * name none they produce, so that the filter decides 413/415 in the documented order and no {@code Accept}
 * header turns a delivery into a 406.
 */
@Path("webhook")
@VerifiedWebhook
public class WebhookResource {

    @Inject
    Dispatcher dispatcher;

    @Inject
    JsonSupport json;

    @Inject
    ReplyWriter replies;

    @Inject
    ReplayGuard replays;

    @Context
    HttpServletRequest servletRequest;

    /**
     * Receives a delivery for the default bot.
     *
     * @return the bot's reply
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response deliver() {
        return reply();
    }

    /**
     * Receives a delivery for a named bot.
     *
     * @return the bot's reply
     */
    @POST
    @Path("{bot}")
    @Consumes(MediaType.WILDCARD)
    public Response deliverToBot() {
        return reply();
    }

    private Response reply() {
        VerifiedDelivery delivery = (VerifiedDelivery) servletRequest.getAttribute(VerifiedDelivery.PROPERTY);
        if (delivery == null) {
            throw new IllegalStateException("the webhook resource ran without a verified delivery");
        }
        Optional<Response> earlier = replays.earlierReply(delivery, servletRequest);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        boolean first = servletRequest.getAttribute(ReplayGuard.REPEAT) == null;
        Reply reply = dispatcher.dispatch(new DefaultWebhookRequest(delivery.bot(), delivery.deliveryId(),
                delivery.body(), json.provider(), json.forms(), first));
        return Response.ok(replies.toJson(reply), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
