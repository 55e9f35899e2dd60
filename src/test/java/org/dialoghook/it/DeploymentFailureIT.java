package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
 * Deployments that must not start: two handlers with one name, a setting with an unusable value, and a replay
 * data source that is not there. Each
 * server reports the failure its own way; {@link DeploymentOutcome} reads it.
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

    @Deployment(name = "no-data-source", managed = false)
    static WebArchive noDataSource() {
        return WebhookIT.receiver("nodatasource", Map.of("dialoghook.secret", WebhookIT.SECRET,
                "dialoghook.replay.store", "jdbc", "dialoghook.replay.datasource", "jdbc/no-such-data-source"),
                EchoHandler.class);
    }

    @Test
    void aReplayDataSourceThatIsNotThereFailsTheDeploymentNamingIt() {
        DeploymentOutcome outcome = DeploymentOutcome.of(deployer, "no-data-source");
        assertTrue(outcome.failed(), "the deployment failed");
        assertTrue(outcome.report().contains("DH-0620 the replay store cannot use the data source "
                + "jdbc/no-such-data-source (dialoghook.replay.datasource)"), outcome::report);
    }

    @Test
    void twoHandlersWithOneNameFailTheDeploymentNamingBothBeans() {
        DeploymentOutcome outcome = DeploymentOutcome.of(deployer, "twins");
        assertTrue(outcome.failed(), "the deployment failed");
        assertTrue(outcome.report().contains("Two handlers claim the handler name \"twin\""), "the failure names the handler");
        assertTrue(outcome.report().contains(TwinOneHandler.class.getName())
                && outcome.report().contains(TwinTwoHandler.class.getName()), "the failure names both beans");
    }

    @Test
    void anUnusableSettingFailsTheDeploymentNamingTheSetting() {
        DeploymentOutcome outcome = DeploymentOutcome.of(deployer, "bad-setting");
        assertTrue(outcome.failed(), "the deployment failed");
        assertTrue(outcome.report().contains("Setting 'dialoghook.body-binding': 'strict' is not one of"),
                "the failure names the setting");
    }
}
