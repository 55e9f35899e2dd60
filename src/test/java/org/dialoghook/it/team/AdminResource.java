package org.dialoghook.it.team;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A team resource behind a security constraint on {@code /api/admin/*} that lets nobody in. */
@Path("admin/stats")
public class AdminResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String stats() {
        return "secret statistics";
    }
}
