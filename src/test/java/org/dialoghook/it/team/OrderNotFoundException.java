package org.dialoghook.it.team;

/** A team's own exception. */
public class OrderNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OrderNotFoundException(int id) {
        super("no order " + id);
    }
}
