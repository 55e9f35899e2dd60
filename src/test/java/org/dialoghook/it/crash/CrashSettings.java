package org.dialoghook.it.crash;

/**
 * The run's settings, from system properties: {@code crash.deliveries}, {@code crash.kills-per-point},
 * {@code crash.senders}, {@code crash.pause} (milliseconds between a sender's deliveries), {@code crash.seed}.
 *
 * @param deliveries at least this many deliveries
 * @param killsPerPoint kills at each point
 * @param senders senders of new deliveries
 * @param pause a sender's pause between deliveries, in milliseconds
 * @param seed the seed of the random choices
 */
record CrashSettings(int deliveries, int killsPerPoint, int senders, long pause, long seed) {

    static CrashSettings fromSystemProperties() {
        return new CrashSettings(Integer.getInteger("crash.deliveries", 60),
                Integer.getInteger("crash.kills-per-point", 1), Integer.getInteger("crash.senders", 2),
                Long.getLong("crash.pause", 150), Long.getLong("crash.seed", 20261208));
    }

    @Override
    public String toString() {
        return "at least " + deliveries + " deliveries, " + killsPerPoint + " kill(s) per point, " + senders
                + " senders pausing " + pause + " ms, seed " + seed;
    }
}
