package org.dialoghook.it.kit;

/** A business exception the replaced error handler turns into a friendly reply. */
public class OutOfStockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OutOfStockException(String item) {
        super(item + " is out of stock");
    }
}
