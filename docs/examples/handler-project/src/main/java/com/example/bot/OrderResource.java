package com.example.bot;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;

/** {@code GET /api/orders/{id}}: one of the shop's orders, as JSON. */
@Path("orders")
public class OrderResource {

    private static final Map<Long, Order> ORDERS = Map.of(
            7L, new Order(7, "shipped"),
            8L, new Order(8, "packing"));

    /**
     * One order.
     *
     * @param id the order number
     * @return the order
     * @throws OrderNotFoundException when the shop has no such order
     */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Order order(@PathParam("id") long id) {
        return Optional.ofNullable(ORDERS.get(id)).orElseThrow(() -> new OrderNotFoundException(id));
    }
}
