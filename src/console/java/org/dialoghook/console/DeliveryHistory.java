package org.dialoghook.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The latest requests to the webhook, newest last, at most {@value #CAPACITY}; kept in this server's memory only. */
@ApplicationScoped
public class DeliveryHistory {

    /** How many requests the history keeps; older ones leave. */
    public static final int CAPACITY = 200;

    private final Deque<RecordedDelivery> deliveries = new ArrayDeque<>();
    private long lastId;

    /**
     * Adds a request, giving it the next number.
     *
     * @param unnumbered the request, its id ignored
     * @return the request as kept, with its id
     */
    public synchronized RecordedDelivery add(RecordedDelivery unnumbered) {
        RecordedDelivery numbered = unnumbered.withId(++lastId);
        deliveries.addLast(numbered);
        if (deliveries.size() > CAPACITY) {
            deliveries.removeFirst();
        }
        return numbered;
    }

    /**
     * The requests after a number, oldest first.
     *
     * @param afterId the last number the caller has; 0 for all
     * @return the newer requests
     */
    public synchronized List<RecordedDelivery> after(long afterId) {
        List<RecordedDelivery> newer = new ArrayList<>();
        for (RecordedDelivery delivery : deliveries) {
            if (delivery.id() > afterId) {
                newer.add(delivery);
            }
        }
        return newer;
    }

    /**
     * One request by its number.
     *
     * @param id the number
     * @return the request, or empty when it has left the history or never was
     */
    public synchronized Optional<RecordedDelivery> find(long id) {
        return deliveries.stream().filter(delivery -> delivery.id() == id).findFirst();
    }
}
