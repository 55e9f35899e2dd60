package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.handlers.TwinOneHandler;
import org.dialoghook.it.handlers.TwinTwoHandler;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deployments that must not start: two handlers with one name, and a setting with an unusable value. The
 * managed Payara Micro reports a failed deployment only in what it prints, so the test reads that.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeploymentFailureIT {

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "twins", managed = false)
    static WebArchive twins() {
        return WebhookIT.receiver("twins", WebhookIT.withSecret(), TwinOneHandler.class, TwinTwoHandler.class);
    }

    @Deployment(name = "bad-setting", managed = false)
    static WebArchive badSetting() {
        return WebhookIT.receiver("badsetting", Map.of("dialoghook.secret", WebhookIT.SECRET,
                "dialoghook.body-binding", "strict"), EchoHandler.class);
    }

    @Test
    void twoHandlersWithOneNameFailTheDeploymentNamingBothBeans() {
        String output = serverOutputWhileDeploying("twins");
        assertTrue(output.contains("Two handlers claim the handler name \"twin\""), "the failure names the handler");
        assertTrue(output.contains(TwinOneHandler.class.getName()) && output.contains(TwinTwoHandler.class.getName()),
                "the failure names both beans");
        assertTrue(output.contains("Exception while loading the app"), "the deployment failed");
    }

    @Test
    void anUnusableSettingFailsTheDeploymentNamingTheSetting() {
        String output = serverOutputWhileDeploying("bad-setting");
        assertTrue(output.contains("Setting 'dialoghook.body-binding': 'strict' is not one of"), "the failure names the setting");
        assertTrue(output.contains("Exception while loading the app"), "the deployment failed");
    }

    private String serverOutputWhileDeploying(String deployment) {
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
        return text(captured);
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
