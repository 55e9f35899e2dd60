package com.example.bot;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/**
 * Opens a support ticket: a session bean whose container-managed transaction (REQUIRED, the default) holds the
 * ticket's row. Deployed with {@code dialoghook.replay.store=jdbc} and {@code dialoghook.replay.datasource} naming
 * the data source of the persistence unit {@code shop}, the receiver writes the delivery's record in this same
 * transaction: the ticket and the record commit together or not at all, so a redelivery never opens a second
 * ticket, on any member, even when a member dies halfway.
 */
@Stateless
@HandlerName("open-ticket")
public class OpenTicketHandler implements WebhookHandler {

    @PersistenceContext(unitName = "shop")
    EntityManager entities;

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        Ticket ticket = new Ticket(request.deliveryId(), request.formValue("topic").orElse("no topic given"));
        entities.persist(ticket);
        response.pushText("Ticket " + ticket.getId() + " is open: " + ticket.getTopic() + ".")
                .setAttribute("ticket", ticket.getId());
    }
}
