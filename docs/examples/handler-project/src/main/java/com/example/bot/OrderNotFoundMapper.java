package com.example.bot;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers an unknown order with 404 and the shop's own error body, for example {@code {"error":"no order 999"}}. */
@Provider
public class OrderNotFoundMapper implements ExceptionMapper<OrderNotFoundException> {

    /**
     * The shop API's error body.
     *
     * @param error what went wrong
     */
    public record ApiError(String error) {
    }

    @Override
    public Response toResponse(OrderNotFoundException exception) {
        return Response.status(Response.Status.NOT_FOUND)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(exception.getMessage()))
                .build();
    }
}
