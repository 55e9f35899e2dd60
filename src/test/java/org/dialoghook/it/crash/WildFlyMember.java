package org.dialoghook.it.crash;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dialoghook.it.WildFlyProcess;

/**
 * A WildFly member of a crash test: {@code standalone.xml} in a base directory of its own, its ports moved by an
 * offset and bound to loopback, the WAR in its deployment folder, and a transaction node identifier of its own
 * (both servers write to one database).
 */
final class WildFlyMember extends Member {

    private final Path home;
    private final Path base;
    private final int offset;
    private final String contextRoot;
    private WildFlyProcess process;

    WildFlyMember(String name, Path work, Path home, Path base, int offset, String contextRoot) {
        super(name, work);
        this.home = home;
        this.base = base;
        this.offset = offset;
        this.contextRoot = contextRoot;
    }

    @Override
    void launch(Path output) throws IOException {
        process = WildFlyProcess.start(home, base.toAbsolutePath(), "standalone.xml", offset,
                Map.of("jboss.node.name", name(), "jboss.tx.node.id", name()), Map.of(), output);
    }

    @Override
    URI webhook() {
        return URI.create("http://localhost:" + (8080 + offset) + contextRoot + "/webhook");
    }

    @Override
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    void awaitReady(Duration timeout) throws InterruptedException {
        process.awaitReady(contextRoot, timeout);
    }

    @Override
    void kill() throws InterruptedException {
        process.kill();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (process.isAlive()) {
            throw new AssertionError(name() + " did not end after SIGKILL");
        }
    }

    @Override
    void stop() throws InterruptedException {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }
}
