package org.dialoghook.it.team;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** A team's own resource: {@code GET /api/orders/{id}}. */
@Path("orders")
public class OrderResource {

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> order(@PathParam("id") int id) {
        if (id != 7) {
            throw new OrderNotFoundException(id);
        }
        return Map.of("id", id, "status", "shipped");
    }
}
