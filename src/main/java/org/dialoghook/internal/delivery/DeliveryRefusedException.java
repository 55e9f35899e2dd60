package org.dialoghook.internal.delivery;

/**
 * A delivery the receiver refused before running any handler, with the kind of problem and a detail written for
 * the sender (never a token or a secret). The step that refuses knows the kind; the reply is built from it as it
 * is, so no status or header has to be read back to find out what went wrong.
 */
public final class DeliveryRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemKind kind;
    private final String deliveryId;
    private final String handlerName;

    /**
     * Creates a refusal whose delivery id and handler name are not known yet.
     *
     * @param kind what kind of problem it is
     * @param detail what is wrong, safe to show the sender
     */
    public DeliveryRefusedException(ProblemKind kind, String detail) {
        this(kind, detail, null, null);
    }

    private DeliveryRefusedException(ProblemKind kind, String detail, String deliveryId, String handlerName) {
        super(detail, null, false, false);
        this.kind = kind;
        this.deliveryId = deliveryId;
        this.handlerName = handlerName;
    }

    /**
     * The same refusal, with what the log line about it must name.
     *
     * @param id the log-safe delivery id, or {@code null}
     * @param handler the handler name the body asked for, or {@code null}
     * @return the refusal
     */
    public DeliveryRefusedException about(String id, String handler) {
        return new DeliveryRefusedException(kind, getMessage(), id, handler);
    }

    /**
     * What kind of problem it is.
     *
     * @return the kind
     */
    public ProblemKind kind() {
        return kind;
    }

    /**
     * The log-safe delivery id, when the token was read far enough to know it.
     *
     * @return the id, or {@code null}
     */
    public String deliveryId() {
        return deliveryId;
    }

    /**
     * The handler name the body asked for, when it was read.
     *
     * @return the name, or {@code null}
     */
    public String handlerName() {
        return handlerName;
    }
}
