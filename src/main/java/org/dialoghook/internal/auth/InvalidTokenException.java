package org.dialoghook.internal.auth;

/**
 * A presented token, or the body it came with, failed verification. The message is a short reason that is
 * safe to show the sender: it never holds the token, its signature or the secret.
 */
public class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason why the token was refused
     */
    public InvalidTokenException(String reason) {
        super(reason);
    }
}
