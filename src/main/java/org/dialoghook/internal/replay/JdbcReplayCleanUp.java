package org.dialoghook.internal.replay;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes the replay table's records whose window has passed, in batches of at most
 * {@value JdbcReplayStore#CLEAN_UP_BATCH} rows, each in a short transaction of its own, so the table does not grow
 * without end. One run deletes at most {@value #MAX_BATCHES} batches and leaves the rest to the next run. Every
 * member runs it; they pass over each other's rows. A failure is logged once until a run succeeds again.
 */
public final class JdbcReplayCleanUp implements Runnable {

    /** How often a member cleans the table up. */
    public static final Duration PERIOD = Duration.ofMinutes(1);

    /** The most batches one run deletes. */
    public static final int MAX_BATCHES = 100;

    private static final Logger LOG = Logger.getLogger(JdbcReplayCleanUp.class.getName());

    private final JdbcReplayStore store;
    private final int maxBatches;
    private boolean failing;

    /**
     * Creates the clean-up.
     *
     * @param store the store whose table it cleans
     */
    public JdbcReplayCleanUp(JdbcReplayStore store) {
        this(store, MAX_BATCHES);
    }

    JdbcReplayCleanUp(JdbcReplayStore store, int maxBatches) {
        this.store = store;
        this.maxBatches = maxBatches;
    }

    @Override
    public void run() {
        try {
            int deleted = 0;
            for (int batch = 0; batch < maxBatches; batch++) {
                int removed = store.removeExpired();
                deleted += removed;
                if (removed < JdbcReplayStore.CLEAN_UP_BATCH) {
                    break;
                }
            }
            if (failing) {
                LOG.log(Level.INFO, "DH-0622 the replay table is cleaned up again");
                failing = false;
            }
            LOG.log(Level.FINE, "deleted {0} replay records past their window", deleted);
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "DH-0621 cleaning up the replay table failed ({0}); records past their window "
                        + "stay until a later run succeeds (every {1})", new Object[] {e.getMessage(), PERIOD});
                failing = true;
            }
        }
    }
}
