package org.dialoghook.it.team;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A team's own exception mapper, answering in the team's own error format. */
@Provider
public class OrderNotFoundMapper implements ExceptionMapper<OrderNotFoundException> {

    @Override
    public Response toResponse(OrderNotFoundException exception) {
        return Response.status(404).type(MediaType.APPLICATION_JSON)
                .entity("{\"error\":\"" + exception.getMessage() + "\"}").build();
    }
}
