package org.dialoghook.bench.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dialoghook.testkit.DeliverySigner;

/**
 * Tokens signed before the run, one a line, in one file per wrk thread, all for the same body: every request
 * carries its own token (its own {@code jti}), so no later cache of deliveries turns the run into cache hits.
 * All tokens have the same length, so wrk can start reading a file at any line.
 *
 * @param body the body file every token vouches for (by its SHA-256)
 * @param prefix the files' common prefix; thread n reads {@code <prefix><n>.tok}
 * @param perThread the lines in each file
 */
record TokenPool(Path body, Path prefix, int perThread) {

    /** The benchmark's delivery body: the echo handler's form of the README. */
    static String body(String secret) {
        return signer(secret).sign().body();
    }

    /**
     * Signs a pool, on every core, and writes it.
     *
     * @param secret the bot's secret
     * @param directory where the files go
     * @param name the pool's name, part of the file names
     * @param threads wrk's threads: one file each
     * @param perThread tokens per file
     * @return the pool
     * @throws IOException when a file cannot be written
     */
    static TokenPool sign(String secret, Path directory, String name, int threads, int perThread) throws IOException {
        Files.createDirectories(directory);
        Path body = directory.resolve("body.json");
        Files.writeString(body, body(secret), StandardCharsets.UTF_8);
        Path prefix = directory.resolve(name + "-");
        ExecutorService signers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<Integer>> files = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Path file = Path.of(prefix + String.valueOf(t) + ".tok");
                files.add(signers.submit(() -> write(secret, file, perThread)));
            }
            int width = -1;
            for (Future<Integer> file : files) {
                int fileWidth = file.get();
                if (width != -1 && fileWidth != width) {
                    throw new IllegalStateException("tokens of different lengths");
                }
                width = fileWidth;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("signing failed", e.getCause());
        } finally {
            signers.shutdownNow();
        }
        return new TokenPool(body, prefix, perThread);
    }

    private static int write(String secret, Path file, int count) throws IOException {
        int width = -1;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < count; i++) {
                String token = signer(secret).sign().token();
                if (width == -1) {
                    width = token.length();
                } else if (token.length() != width) {
                    throw new IllegalStateException("a token of another length: " + token.length() + " not " + width);
                }
                out.write(token);
                out.write('\n');
            }
        }
        return width;
    }

    private static DeliverySigner signer(String secret) {
        return DeliverySigner.withSecret(secret)
                .handler("echo")
                .formValue("name", "Ada")
                .formValue("city", "Zürich")
                .lifetime(Duration.ofHours(2));
    }
}
