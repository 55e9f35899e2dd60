package org.dialoghook.examples;

import jakarta.ejb.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/** Example EJB that the ticket handler calls: hands out ticket numbers. */
@Singleton
public class TicketDesk {

    private final AtomicLong lastNumber = new AtomicLong(1000);

    /**
     * Opens a ticket.
     *
     * @param subject what the ticket is about
     * @return the ticket's number
     */
    public long open(String subject) {
        return lastNumber.incrementAndGet();
    }
}
