package org.dialoghook.internal.replay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.dispatch.HandlerMetrics;

/**
 * Chooses the replay store once at start: the server's JCache when it offers a {@code CacheManager} bean
 * (Payara does, backed by its Hazelcast data grid) and the settings allow, else the bounded in-memory
 * store; the start-up log says which. The JCache API is touched only once it is known to be there.
 */
@ApplicationScoped
public class ReplayStoreProducer {

    private static final Logger LOG = Logger.getLogger(ReplayStoreProducer.class.getName());
    private static final int MEMORY_CAPACITY = 100_000;

    @Inject
    ReceiverSettings settings;

    @Inject
    Clock clock;

    @Inject
    HandlerMetrics metrics;

    @Inject
    @Any
    Instance<Object> beans;

    @Produces
    @Singleton
    ReplayStore store() {
        ReplayStore store = settings.replay().useJCache() ? jcacheOrMemory() : memory();
        LOG.log(Level.INFO, "DH-0600 replay store: {0}; replay window {1}",
                new Object[] {store.describe(), settings.replay().window()});
        metrics.watchReplayStore(store::leftEarly);
        return store;
    }

    private ReplayStore jcacheOrMemory() {
        try {
            Class<?> cacheManagerType = Class.forName("javax.cache.CacheManager", false,
                    Thread.currentThread().getContextClassLoader());
            Instance<?> cacheManagers = beans.select(cacheManagerType);
            if (cacheManagers.isResolvable()) {
                return new SharedReplayStore(JCacheRecords.open(cacheManagers.get(), settings.replay().window()), clock);
            }
            LOG.log(Level.INFO, "DH-0601 the server offers no JCache CacheManager bean; redeliveries are recognised "
                    + "on this server only");
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(Level.INFO, "DH-0601 the server offers no JCache API; redeliveries are recognised on this server only");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DH-0602 the server''s JCache could not be used ({0}); redeliveries are recognised "
                    + "on this server only", e.getClass().getSimpleName());
        }
        return memory();
    }

    private ReplayStore memory() {
        return new MemoryReplayStore(MEMORY_CAPACITY, clock);
    }
}
