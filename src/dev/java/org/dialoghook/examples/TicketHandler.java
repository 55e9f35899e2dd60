package org.dialoghook.examples;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/**
 * Example EJB handler: opens a ticket through another EJB and continues the conversation with the
 * "ticket filed" block built in the portal, passing the ticket number as an attribute.
 */
@Stateless
@HandlerName("ticket")
public class TicketHandler implements WebhookHandler {

    /** The portal block that thanks the user; replace it with one of your bot's block ids. */
    static final String TICKET_FILED_BLOCK = "60db2d02d19a13bc109c5bd4";

    @EJB
    TicketDesk desk;

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        long number = desk.open(request.formValue("subject").orElse("(no subject)"));
        response.pushBlockPointer(TICKET_FILED_BLOCK).setAttribute("ticketNumber", number);
    }
}
