package org.dialoghook.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The one bounded wait of the tests that watch a server take a change: poll a condition until it holds. */
final class Await {

    private Await() {
    }

    /**
     * Waits until the condition holds, polling every 100 ms.
     *
     * @param what what is awaited, for the failure message
     * @param atMost the longest wait
     * @param condition the condition
     * @return how long it took
     * @throws AssertionError when the condition still does not hold after {@code atMost}
     */
    static Duration until(String what, Duration atMost, BooleanSupplier condition) throws InterruptedException {
        long started = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - started > atMost.toNanos()) {
                throw new AssertionError("not within " + atMost + ": " + what);
            }
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
