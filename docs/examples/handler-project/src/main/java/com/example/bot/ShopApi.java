package com.example.bot;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The shop's own REST API, at {@code /api} of the same WAR as the bot. It lists no classes: JAX-RS finds the
 * shop's resources and providers by scanning the WAR.
 */
@ApplicationPath("api")
public class ShopApi extends Application {
}
