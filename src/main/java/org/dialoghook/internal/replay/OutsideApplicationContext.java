package org.dialoghook.internal.replay;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a piece of start-up work on a short-lived thread that inherits none of the caller's inheritable thread
 * locals, so that no application invocation of the server is current while it runs.
 *
 * <p>Why the replay cache is opened this way: a data grid may remember the application that was current when one of
 * its structures was first created and re-enter it around every later operation on that structure. Payara's data
 * grid does (its tenant control: each operation on the cache pushes the application's invocation and a CDI request
 * context on the grid's partition thread, about a tenth of the server's CPU under load). The replay records hold
 * only JDK types ({@code String} keys, {@code byte[]} values), so their operations need no application class and no
 * application context. The thread's context class loader is still the caller's, as the JDK gives every new thread.
 */
final class OutsideApplicationContext {

    private OutsideApplicationContext() {
    }

    /**
     * Runs the work on a new thread that inherits no inheritable thread locals, and waits for it.
     *
     * @param <T> what the work returns
     * @param name the thread's name
     * @param longest how long to wait for the work
     * @param work the work
     * @return what the work returned
     * @throws RuntimeException what the work threw, unchanged; an {@link IllegalStateException} when it did not end
     *         in time or the wait was interrupted
     */
    static <T> T run(String name, Duration longest, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, name, 0, false);
        thread.setDaemon(true);
        thread.start();
        try {
            return result.get(longest.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " did not end within " + longest, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " was interrupted", e);
        }
    }
}
