package org.dialoghook.internal.replay;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.dialoghook.internal.config.ReceiverScheduler;
import org.dialoghook.internal.config.ReplaySettings;
import org.dialoghook.internal.config.LiveSettings;
import org.dialoghook.internal.config.SettingsReader;
import org.dialoghook.internal.dispatch.HandlerMetrics;

/**
 * Chooses the replay store once at start. With {@code dialoghook.replay.store=jdbc}: the table in the application's
 * data source that {@code dialoghook.replay.datasource} names, opened while the application deploys (a data source
 * that cannot be used fails the deployment) and cleaned up every {@link JdbcReplayCleanUp#PERIOD}. When the settings
 * allow a shared one ({@code auto}): a {@code ConcurrentMap} bound at
 * the JNDI name {@code dialoghook.replay.cache} names (on WildFly, the Infinispan cache that
 * {@code server-config/wildfly/replay-cache.cli} defines), else the server's JCache when it offers a
 * {@code CacheManager} bean (Payara does, backed by its Hazelcast data grid), else the bounded in-memory store;
 * the start-up log says which. The JCache API is touched only once it is known to be there, and the cache is opened
 * {@linkplain OutsideApplicationContext outside the application's context}; on Hazelcast's JCache the
 * claims and replies go in batches ({@link GridBatching}) unless {@code dialoghook.replay.grid-batching} is false.
 */
@ApplicationScoped
public class ReplayStoreProducer {

    private static final Logger LOG = Logger.getLogger(ReplayStoreProducer.class.getName());
    private static final int MEMORY_CAPACITY = 100_000;

    /** How long opening the JCache cache may take: joining a data grid's cluster can take a while. */
    private static final Duration CACHE_OPENING = Duration.ofMinutes(2);

    @Inject
    LiveSettings live;

    @Inject
    Clock clock;

    @Inject
    HandlerMetrics metrics;

    @Inject
    @Any
    Instance<Object> beans;

    @Inject
    ReceiverScheduler scheduler;

    private GridBatching gridBatching;

    /** Opens the JDBC store while the application deploys, so that a data source that cannot be used fails it. */
    void openAtStart(@Observes @Initialized(ApplicationScoped.class) Object started, Instance<ReplayStore> stores) {
        if (live.current().replay().store() == ReplaySettings.Store.JDBC
                && stores.get() instanceof JdbcReplayStore jdbc) {
            scheduler.everyPeriod(new JdbcReplayCleanUp(jdbc), JdbcReplayCleanUp.PERIOD);
        }
    }

    @Produces
    @Singleton
    ReplayStore store() {
        ReplaySettings replay = live.current().replay();
        ReplayStore store = switch (replay.store()) {
            case JDBC -> jdbc(replay.dataSourceName());
            case AUTO -> sharedOrMemory();
            case MEMORY -> memory();
        };
        LOG.log(Level.INFO, "DH-0600 replay store: {0}; replay window {1}",
                new Object[] {store.describe(), live.current().replay().window()});
        metrics.watchReplayStore(store::leftEarly);
        return store;
    }

    private ReplayStore jdbc(String name) {
        Object bound;
        try {
            bound = InitialContext.doLookup(name);
        } catch (NamingException | RuntimeException e) {
            throw unusable(name, "nothing is bound there (" + e.getClass().getSimpleName() + ")", e);
        }
        if (!(bound instanceof DataSource dataSource)) {
            throw unusable(name, "the object bound there (" + (bound == null ? "null" : bound.getClass().getName())
                    + ") is not a javax.sql.DataSource", null);
        }
        try {
            return JdbcReplayStore.open(dataSource, clock);
        } catch (ReplayStoreFailedException e) {
            throw unusable(name, e.getMessage(), e);
        }
    }

    private static IllegalStateException unusable(String name, String why, Throwable cause) {
        String message = "DH-0620 the replay store cannot use the data source " + name + " ("
                + SettingsReader.REPLAY_DATASOURCE + "): " + why;
        LOG.log(Level.SEVERE, message);
        return new IllegalStateException(message, cause);
    }

    private ReplayStore sharedOrMemory() {
        String name = live.current().replay().sharedMapName();
        Object bound;
        try {
            bound = InitialContext.doLookup(name);
        } catch (NamingException | RuntimeException e) {
            return jcacheOrMemory("nothing is bound at " + name + " (" + e.getClass().getSimpleName() + ")");
        }
        if (bound instanceof ConcurrentMap<?, ?> map) {
            return new SharedReplayStore(ConcurrentMapRecords.open(map, name), clock);
        }
        LOG.log(Level.WARNING, "DH-0607 the object bound at {0} ({1}) is not a java.util.concurrent.ConcurrentMap; it "
                + "is not used as the replay store (see {2})", new Object[] {name,
                    bound == null ? "null" : bound.getClass().getName(), SettingsReader.REPLAY_CACHE});
        return jcacheOrMemory("the object bound at " + name + " is not a ConcurrentMap");
    }

    private ReplayStore jcacheOrMemory(String noSharedMap) {
        try {
            Class<?> cacheManagerType = Class.forName("javax.cache.CacheManager", false,
                    Thread.currentThread().getContextClassLoader());
            Instance<?> cacheManagers = beans.select(cacheManagerType);
            if (cacheManagers.isResolvable()) {
                Object cacheManager = cacheManagers.get();
                Duration window = live.current().replay().window();
                // no application context is saved with the cache, so the grid enters none around its operations
                JCacheRecords records = OutsideApplicationContext.run("dialoghook-replay-cache-open", CACHE_OPENING,
                        () -> JCacheRecords.open(cacheManager, window));
                return new SharedReplayStore(batchedWhereHazelcast(records), clock);
            }
            LOG.log(Level.INFO, "DH-0601 {0} and the server offers no JCache CacheManager bean; redeliveries are "
                    + "recognised on this server only", noSharedMap);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(Level.INFO, "DH-0601 {0} and the server offers no JCache API; redeliveries are recognised on this "
                    + "server only", noSharedMap);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DH-0602 {0} and the server''s JCache could not be used ({1}); redeliveries are "
                    + "recognised on this server only", new Object[] {noSharedMap, e.getClass().getSimpleName()});
        }
        return memory();
    }

    /** The JCache records with their calls batched, when the setting allows it and the cache is Hazelcast's. */
    private SharedRecords batchedWhereHazelcast(JCacheRecords records) {
        if (live.current().replay().gridBatching()) {
            gridBatching = GridBatching.open(records);
            if (gridBatching != null) {
                return gridBatching.records();
            }
        }
        return records;
    }

    @PreDestroy
    void closeBatches() {
        if (gridBatching != null) {
            gridBatching.close();
        }
    }

    private ReplayStore memory() {
        return new MemoryReplayStore(MEMORY_CAPACITY, clock);
    }
}
