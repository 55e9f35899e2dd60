package org.dialoghook.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;

/**
 * Whether a deployment failed, and the server's account of why. Servers report a failed deployment
 * differently: WildFly's adapter throws from {@link Deployer#deploy}, the managed Payara Micro only prints it.
 * The Failsafe execution names its server in the system property {@code dialoghook.it.server}.
 *
 * @param failed whether the server refused the deployment
 * @param report what the server said while deploying: the exception chain, or what it printed
 */
record DeploymentOutcome(boolean failed, String report) {

    /**
     * Deploys a deployment that is expected to fail, undeploys whatever is left of it, and reports.
     *
     * @param deployer the Arquillian deployer
     * @param deployment the name of a {@code managed = false} deployment
     * @return the outcome
     */
    static DeploymentOutcome of(Deployer deployer, String deployment) {
        String server = System.getProperty("dialoghook.it.server", "payara-micro");
        return switch (server) {
            case "wildfly" -> thrown(deployer, deployment);
            case "payara-micro" -> printed(deployer, deployment);
            default -> throw new IllegalStateException("unknown server in dialoghook.it.server: " + server);
        };
    }

    /**
     * WildFly: the management operation fails and is rolled back, and the adapter throws its
     * {@code DeploymentException} (a checked exception, not declared by {@link Deployer#deploy}) with the
     * operation's failure description, a DMR string in which quotes are escaped.
     */
    private static DeploymentOutcome thrown(Deployer deployer, String deployment) {
        try {
            deployer.deploy(deployment);
        } catch (Exception e) {
            StringBuilder report = new StringBuilder();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                report.append(cause).append('\n');
            }
            return new DeploymentOutcome(true, report.toString().replace("\\\"", "\""));
        }
        deployer.undeploy(deployment);
        return new DeploymentOutcome(false, "");
    }

    /** Payara Micro: the adapter starts a server per deployment and copies its output to System.out. */
    private static DeploymentOutcome printed(Deployer deployer, String deployment) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new TeeOutputStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            deployer.deploy(deployment);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!text(captured).contains("Payara Micro") || !text(captured).contains("ready in")) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            System.setOut(original);
            deployer.undeploy(deployment);
        }
        String output = text(captured);
        return new DeploymentOutcome(output.contains("Exception while loading the app"), output);
    }

    private static String text(ByteArrayOutputStream captured) {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** Copies what the server prints to the test's own output and to a buffer. */
    private static final class TeeOutputStream extends OutputStream {

        private final OutputStream console;
        private final ByteArrayOutputStream buffer;

        TeeOutputStream(OutputStream console, ByteArrayOutputStream buffer) {
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
