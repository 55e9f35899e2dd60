package org.dialoghook.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the managed server prints while a test runs: the Arquillian containers copy the server's output to the
 * test JVM's {@code System.out}, and this tees that into a buffer a test can search. Close it to stop.
 */
final class ServerOutput implements AutoCloseable {

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private ServerOutput() {
        System.setOut(new PrintStream(new Tee(original, buffer), true, StandardCharsets.UTF_8));
    }

    /**
     * Starts copying what is printed.
     *
     * @return the copy
     */
    static ServerOutput capture() {
        return new ServerOutput();
    }

    /**
     * Waits until a line holding every given text has been printed, for at most 30 seconds: the server prints its
     * log on its own schedule, after the reply it logs about may have arrived.
     *
     * @param parts texts the line must hold
     * @return the line, or empty when none came
     */
    Optional<String> awaitLine(String... parts) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Optional<String> line = text().lines().filter(candidate -> Arrays.stream(parts).allMatch(candidate::contains))
                    .findFirst();
            if (line.isPresent() || System.nanoTime() > deadline) {
                return line;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * Everything printed so far.
     *
     * @return the text
     */
    String text() {
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(original);
    }

    /** Copies what is printed to the test's own output and to the buffer. */
    private static final class Tee extends OutputStream {

        private final OutputStream console;
        private final ByteArrayOutputStream buffer;

        Tee(OutputStream console, ByteArrayOutputStream buffer) {
            this.console = console;
            this.buffer = buffer;
        }

        @Override
        public void write(int b) throws IOException {
            console.write(b);
            synchronized (buffer) {
                buffer.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            console.write(bytes, offset, length);
            synchronized (buffer) {
                buffer.write(bytes, offset, length);
            }
        }
    }
}
