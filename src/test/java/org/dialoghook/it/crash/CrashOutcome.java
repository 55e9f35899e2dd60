package org.dialoghook.it.crash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What came back, counted. */
final class CrashOutcome {

    private final List<CrashDelivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private final Map<CrashPoint, Integer> kills = Collections.synchronizedMap(new EnumMap<>(CrashPoint.class));
    private final Map<String, Integer> otherStatuses = Collections.synchronizedMap(new TreeMap<>());
    private final AtomicInteger copies = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicInteger redeliveries = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger cut = new AtomicInteger();
    private final AtomicInteger timedOut = new AtomicInteger();
    private final AtomicInteger resendRounds = new AtomicInteger();
    private volatile Duration took = Duration.ZERO;

    void add(CrashDelivery delivery) {
        deliveries.add(delivery);
    }

    List<CrashDelivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    List<CrashDelivery> unanswered() {
        return deliveries().stream().filter(delivery -> delivery.answers().isEmpty()).toList();
    }

    void killed(CrashPoint point) {
        kills.merge(point, 1, Integer::sum);
    }

    Map<CrashPoint, Integer> kills() {
        synchronized (kills) {
            return new EnumMap<>(kills);
        }
    }

    void copySent() {
        copies.incrementAndGet();
    }

    void answered(boolean redelivery) {
        answers.incrementAndGet();
        if (redelivery) {
            redeliveries.incrementAndGet();
        }
    }

    void status(String status) {
        otherStatuses.merge(status, 1, Integer::sum);
    }

    void refused() {
        refused.incrementAndGet();
    }

    void cut() {
        cut.incrementAndGet();
    }

    void timedOut() {
        timedOut.incrementAndGet();
    }

    void resendRound() {
        resendRounds.incrementAndGet();
    }

    void took(Duration took) {
        this.took = took;
    }

    int timedOutCount() {
        return timedOut.get();
    }

    /**
     * The figures, one line each.
     *
     * @return the text
     */
    String figures() {
        int distinctMost = deliveries().stream().mapToInt(d -> d.distinctAnswers().size()).max().orElse(0);
        return "deliveries: " + deliveries().size() + "\n"
                + "kills (SIGKILL) per point: " + kills() + "\n"
                + "copies sent: " + copies.get() + " (answered 200: " + answers.get() + ", of them marked as a "
                + "redelivery: " + redeliveries.get() + "; other statuses: " + otherStatuses + "; refused: "
                + refused.get() + ", cut: " + cut.get() + ", timed out: " + timedOut.get() + ")\n"
                + "resend rounds: " + resendRounds.get() + "\n"
                + "distinct answers per delivery: at most " + distinctMost + "\n"
                + "took: " + took.toMillis() / 1000.0 + " s";
    }
}
