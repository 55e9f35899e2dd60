package org.dialoghook.internal.config;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs the receiver's periodic work off the request path (reading the settings again, cleaning the replay table),
 * on threads of the server's default managed thread factory, and stops it with the application.
 *
 * <p>The factory is looked up, not injected: the work starts while the application deploys, and Payara does not
 * inject a resource into a bean of a library jar at that point in a WAR without {@code web.xml} (a team's WAR).
 * Where the lookup finds nothing, daemon threads of the JDK's do the same work: it needs no container context.
 */
@ApplicationScoped
public class ReceiverScheduler {

    private static final String THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";
    private static final int THREADS = 2;

    private ScheduledThreadPoolExecutor scheduler;

    /**
     * Runs a task again and again, each run a period after the last one ended.
     *
     * @param task the work; what it throws ends its runs, so it should catch and log its own failures
     * @param period the time between two runs, and before the first
     */
    public synchronized void everyPeriod(Runnable task, Duration period) {
        if (scheduler == null) {
            scheduler = new ScheduledThreadPoolExecutor(THREADS, threads());
        }
        long millis = period.toMillis();
        scheduler.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory threads() {
        try {
            return (ManagedThreadFactory) new InitialContext().lookup(THREAD_FACTORY);
        } catch (NamingException | ClassCastException e) {
            return work -> {
                Thread thread = new Thread(work, "dialoghook-background");
                thread.setDaemon(true);
                return thread;
            };
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
