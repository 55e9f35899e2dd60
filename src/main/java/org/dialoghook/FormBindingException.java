package org.dialoghook;

/**
 * Thrown by {@link WebhookRequest#form(Class)} when the form answers cannot be bound to the requested type.
 *
 * <p>The message names the type and what did not fit; it never holds the token or secret.
 */
public class FormBindingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what did not fit
     * @param cause the binding failure
     */
    public FormBindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
