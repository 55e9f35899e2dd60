package org.dialoghook.internal.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class OutsideApplicationContextTest {

    /** Stands for the server's invocation stack, which application threads pass on to the threads they start. */
    private static final InheritableThreadLocal<String> INVOCATION = new InheritableThreadLocal<>();

    @Test
    void theWorkSeesNoneOfTheCallersInheritableThreadLocalsButItsClassLoader() throws Exception {
        ClassLoader application = new ClassLoader(getClass().getClassLoader()) { };
        Thread caller = Thread.currentThread();
        ClassLoader before = caller.getContextClassLoader();
        INVOCATION.set("the application's invocation");
        caller.setContextClassLoader(application);
        try {
            Thread[] inherited = new Thread[1];
            Thread ordinary = new Thread(() -> inherited[0] = INVOCATION.get() == null ? null : Thread.currentThread());
            ordinary.start();
            ordinary.join();
            assertNotNull(inherited[0], "an ordinary thread inherits it: the case this class exists for");

            String seen = OutsideApplicationContext.run("probe", Duration.ofSeconds(30), INVOCATION::get);
            assertNull(seen);
            ClassLoader loader = OutsideApplicationContext.run("probe", Duration.ofSeconds(30),
                    () -> Thread.currentThread().getContextClassLoader());
            assertSame(application, loader);
            Thread ran = OutsideApplicationContext.run("probe", Duration.ofSeconds(30), Thread::currentThread);
            assertNotSame(caller, ran);
            assertEquals("probe", ran.getName());
        } finally {
            INVOCATION.remove();
            caller.setContextClassLoader(before);
        }
    }

    @Test
    void whatTheWorkThrowsIsThrownUnchanged() {
        IllegalArgumentException thrown = new IllegalArgumentException("no cache");
        assertSame(thrown, assertThrows(IllegalArgumentException.class,
                () -> OutsideApplicationContext.run("probe", Duration.ofSeconds(30), () -> {
                    throw thrown;
                })));
    }

    @Test
    void workThatDoesNotEndInTimeIsReportedAndNotWaitedForLonger() {
        CountDownLatch never = new CountDownLatch(1);
        try {
            IllegalStateException late = assertThrows(IllegalStateException.class,
                    () -> OutsideApplicationContext.run("slow opening", Duration.ofMillis(50), () -> {
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return "too late";
                    }));
            assertEquals("slow opening did not end within PT0.05S", late.getMessage());
        } finally {
            never.countDown();
        }
    }
}
