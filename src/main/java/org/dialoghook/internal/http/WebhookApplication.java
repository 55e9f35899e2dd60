package org.dialoghook.internal.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application: the webhook resource and its filter and mappers, at the WAR's context root. */
@ApplicationPath("/")
public class WebhookApplication extends Application {
}
