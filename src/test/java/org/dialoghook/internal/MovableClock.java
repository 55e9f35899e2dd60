package org.dialoghook.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the unit tests move by hand: replay windows, token ages, the end of a previous secret. */
public final class MovableClock extends Clock {

    private Instant now = Instant.parse("2026-11-25T10:00:00Z");

    /**
     * Moves the clock on.
     *
     * @param step how far
     */
    public void advance(Duration step) {
        now = now.plus(step);
    }

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
