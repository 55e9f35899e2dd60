package org.dialoghook.it.crash;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dialoghook.it.FileTrees;
import org.dialoghook.it.PayaraMicroProcess;

/**
 * A Payara Micro member of a crash test: no data grid ({@code --nocluster}), HTTP on loopback, WAR at {@code /}, its
 * HTTP listener opened only once the WAR is deployed, as docs/operators.md advises, and its runtime folder beside
 * its output (a killed Payara Micro cannot remove a folder of its own in {@code /tmp}).
 */
final class PayaraMicroMember extends Member {

    private final File war;
    private final int port;
    private PayaraMicroProcess process;

    PayaraMicroMember(String name, Path work, File war, int port) {
        super(name, work);
        this.war = war;
        this.port = port;
    }

    @Override
    void launch(Path output) throws IOException {
        Path config = Path.of("server-config", "payara-micro");
        Path preBoot = output.resolveSibling(name() + "-pre-boot.asadmin");
        Files.writeString(preBoot, Files.readString(config.resolve("loopback.asadmin")) + "\n"
                + Files.readString(config.resolve("closed-until-deployed.asadmin")));
        process = PayaraMicroProcess.start(war, port, output, List.of("--nocluster",
                "--rootdir", runtime(output).toAbsolutePath().toString(),
                "--prebootcommandfile", preBoot.toString(),
                "--postdeploycommandfile", config.resolve("open-after-deploy.asadmin").toString()));
    }

    @Override
    URI webhook() {
        return URI.create("http://localhost:" + port + "/webhook");
    }

    @Override
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                process.awaitReady(Duration.ofSeconds(5));
                return;
            } catch (AssertionError notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline || deploymentFailed()) {
                    throw notYet;
                }
            }
        }
    }

    private boolean deploymentFailed() {
        try {
            return printed("Exception while deploying the app");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    void kill() throws InterruptedException {
        process.kill();
        if (!process.awaitExit(Duration.ofSeconds(30))) {
            throw new AssertionError(name() + " did not end after SIGKILL");
        }
    }

    @Override
    void stop() throws InterruptedException {
        if (process != null) {
            process.close();
        }
        for (int start = 1; start <= starts(); start++) {
            Path output = output(start);
            try {
                FileTrees.delete(runtime(output));
            } catch (IOException e) {
                System.err.println("left " + runtime(output) + ": " + e.getMessage());
            }
        }
    }

    /** The runtime folder of the start whose output is in the given file, about 100 MB: removed by {@link #stop()}. */
    private static Path runtime(Path output) {
        return output.resolveSibling(output.getFileName().toString().replace(".log", "-runtime"));
    }
}
