package org.dialoghook.internal.replay;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Puts the JCache replay records' claims and replies in batches when the cache is Hazelcast's: checks that
 * Hazelcast's API is there before any class that names it is loaded, and owns the one thread (from the server's
 * default {@code ManagedThreadFactory}) that sends a batch which queued up behind another.
 */
final class GridBatching implements AutoCloseable {

    /** How long a claim waits for its batch: Hazelcast's own default call timeout. */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(GridBatching.class.getName());
    private static final String THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

    private final BatchingRecords records;
    private final ThreadPoolExecutor sender;

    private GridBatching(BatchingRecords records, ThreadPoolExecutor sender) {
        this.records = records;
        this.sender = sender;
    }

    /**
     * Batches the calls to the records' cache, when it is Hazelcast's.
     *
     * @param single the JCache records
     * @return the batching, or {@code null} when the cache is not Hazelcast's or no thread can be had (the records
     *         are then used one call at a time, as the start-up line {@code DH-0600} shows)
     */
    static GridBatching open(JCacheRecords single) {
        try {
            Class.forName("com.hazelcast.cache.ICache", false, GridBatching.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(Level.INFO, "the replay store''s grid calls go one at a time: Hazelcast''s API is not there");
            return null;
        }
        ThreadPoolExecutor sender = null;
        try {
            GridBatches batches = HazelcastCacheBatches.of(single.cache());
            ManagedThreadFactory threads = (ManagedThreadFactory) new InitialContext().lookup(THREAD_FACTORY);
            sender = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
            sender.prestartCoreThread();
            return new GridBatching(new BatchingRecords(single, batches, sender, CLAIM_TIMEOUT), sender);
        } catch (NamingException | RuntimeException | LinkageError e) {
            if (sender != null) {
                sender.shutdown();
            }
            LOG.log(Level.WARNING, "DH-0643 the replay store''s grid calls go one at a time: batching them could not "
                    + "be set up ({0})", e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * The batching records.
     *
     * @return the records
     */
    SharedRecords records() {
        return records;
    }

    /** Fails what is still queued and lets the sending thread end. */
    @Override
    public void close() {
        records.close();
        sender.shutdown();
    }
}
