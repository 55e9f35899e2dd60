package org.dialoghook.it.crash;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One server of a crash test, started by the test itself, that the test kills with SIGKILL and starts again on the
 * same port with the same WAR; each start writes its output to a file of its own.
 */
abstract class Member {

    private final String name;
    private final Path work;
    private int starts;

    Member(String name, Path work) {
        this.name = name;
        this.work = work;
    }

    /** @return the member's name, such as {@code member1} */
    final String name() {
        return name;
    }

    /** @return how often the member was started */
    final int starts() {
        return starts;
    }

    /** @return the output file of the current (or last) start */
    final Path output() {
        return output(starts);
    }

    /**
     * The output file of one start.
     *
     * @param start the start's number, from 1
     * @return the file
     */
    final Path output(int start) {
        return work.resolve(name + "-" + start + ".log");
    }

    /**
     * Whether the current start's output holds a line.
     *
     * @param text the line's text
     * @return true when it does
     * @throws IOException when the file cannot be read
     */
    final boolean printed(String text) throws IOException {
        return Files.exists(output()) && Files.readString(output()).contains(text);
    }

    /**
     * Starts the server (again), with its output in a new file.
     *
     * @throws IOException when it cannot be started
     */
    final void start() throws IOException {
        starts++;
        launch(output());
    }

    abstract void launch(Path output) throws IOException;

    /** @return the receiver's webhook on loopback */
    abstract URI webhook();

    abstract boolean isAlive();

    /**
     * Waits until the receiver answers.
     *
     * @param timeout at most this long
     * @throws InterruptedException when interrupted
     */
    abstract void awaitReady(Duration timeout) throws InterruptedException;

    /** Kills the server's JVM with SIGKILL and waits until it has ended. */
    abstract void kill() throws InterruptedException;

    /** Stops the server in order (SIGTERM, then SIGKILL after a grace period). */
    abstract void stop() throws InterruptedException;
}
