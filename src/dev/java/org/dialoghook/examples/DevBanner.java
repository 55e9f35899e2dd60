package org.dialoghook.examples;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Development runs only: prints a ready-to-paste {@code curl} line with a freshly signed token for the echo
 * handler. Never part of the WAR users deploy.
 */
@ApplicationScoped
public class DevBanner {

    void printCurlLine(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Config config = ConfigProvider.getConfig();
        String secret = config.getOptionalValue("dialoghook.secret", String.class).orElse(null);
        if (secret == null) {
            return;
        }
        int port = config.getOptionalValue("dialoghook.dev.port", Integer.class).orElse(8080);
        SignedDelivery delivery = DeliverySigner.withSecret(secret)
                .handler("echo")
                .formValue("name", "Ada")
                .formValue("city", "Zürich")
                .lifetime(Duration.ofHours(1))
                .sign();
        StringBuilder banner = new StringBuilder("\n=== Dialoghook development run ===\n");
        if (System.getenv("DIALOGHOOK_SECRET") == null && System.getProperty("dialoghook.secret") == null) {
            banner.append("DIALOGHOOK_SECRET is not set: using the development secret '").append(secret)
                    .append("'\n");
        }
        banner.append("Send a first delivery to the echo handler (token valid for one hour):\n\n")
                .append("curl -i -X POST http://localhost:").append(port).append("/webhook")
                .append(" -H 'Content-Type: application/json'")
                .append(" -H 'Authorization: Bearer ").append(delivery.token()).append("'")
                .append(" --data '").append(delivery.body()).append("'\n");
        if (config.getOptionalValue("dialoghook.dev-console", Boolean.class).orElse(false)) {
            banner.append("\nThe development console: http://localhost:").append(port).append("/dialoghook/console\n");
        }
        System.out.println(banner);
    }
}
