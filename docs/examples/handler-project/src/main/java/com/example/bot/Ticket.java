package com.example.bot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A support ticket, one row of the shop's own table {@code shop_tickets}. It keeps the delivery that opened it, so
 * the shop can see where each ticket came from; its number is random, so two runs of one delivery would open two
 * different tickets.
 */
@Entity
@Table(name = "shop_tickets")
public class Ticket {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "delivery_id", nullable = false)
    private String deliveryId;

    @Column(nullable = false)
    private String topic;

    /** For JPA. */
    protected Ticket() {
    }

    /**
     * A new ticket with a new number.
     *
     * @param deliveryId the delivery that opens it
     * @param topic what the customer asks about
     */
    public Ticket(String deliveryId, String topic) {
        this.id = UUID.randomUUID().toString();
        this.deliveryId = deliveryId;
        this.topic = topic;
    }

    /** @return the ticket's number */
    public String getId() {
        return id;
    }

    /** @return the delivery that opened the ticket */
    public String getDeliveryId() {
        return deliveryId;
    }

    /** @return what the customer asks about */
    public String getTopic() {
        return topic;
    }
}
