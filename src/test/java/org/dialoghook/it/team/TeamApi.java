package org.dialoghook.it.team;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** A team's own JAX-RS application, relying on scanning as most do: it names no classes. */
@ApplicationPath("api")
public class TeamApi extends Application {
}
