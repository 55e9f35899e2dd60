package com.example.bot;

/** The shop has no order with the number asked for; {@link OrderNotFoundMapper} answers it with 404. */
public class OrderNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for one order number.
     *
     * @param id the order number that is not known
     */
    public OrderNotFoundException(long id) {
        super("no order " + id);
    }
}
