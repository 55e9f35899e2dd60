package org.dialoghook.internal.auth;

/**
 * A presented token, or the body it came with, failed verification. The message is a short reason that is
 * safe to show the sender: it never holds the token, its signature or the secret.
 */
public class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean signatureMismatch;

    /**
     * Creates the exception.
     *
     * @param reason why the token was refused
     */
    public InvalidTokenException(String reason) {
        this(reason, false);
    }

    /**
     * Creates the exception.
     *
     * @param reason why the token was refused
     * @param signatureMismatch whether the token was refused because its signature does not match the key
     */
    public InvalidTokenException(String reason, boolean signatureMismatch) {
        super(reason);
        this.signatureMismatch = signatureMismatch;
    }

    /**
     * Whether the signature did not match the key: another key (a previous secret) may still verify it.
     *
     * @return true for a signature mismatch
     */
    public boolean signatureMismatch() {
        return signatureMismatch;
    }
}
