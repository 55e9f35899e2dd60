package org.dialoghook;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * Thrown by {@link WebhookRequest#form(Class)} when the form answers do not fit the requested type: a value
 * of the wrong type, or a Bean Validation constraint the answers break.
 *
 * <p>A handler normally lets it propagate: the receiver then answers the bot with status 200 and a reply
 * the user can act on (a text block listing {@link #problems()}, or the configured invalid-form block).
 * It is an EJB application exception that rolls the handler's transaction back, so a session bean handler
 * passes it on unwrapped and keeps nothing it wrote before. Its message and problems never hold the token
 * or secret.
 */
@ApplicationException(rollback = true)
public class FormBindingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    /**
     * Creates the exception.
     *
     * @param message a summary naming the form type
     * @param problems what is wrong, field by field; at least one
     * @param cause the binding failure, or {@code null} for constraint violations
     */
    public FormBindingException(String message, List<Problem> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /**
     * What is wrong with the answers, field by field, in a stable order.
     *
     * @return the problems
     */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * One thing wrong with one answer.
     *
     * @param field the form field (a property path for nested types)
     * @param message what is wrong, in words the bot user can read
     */
    public record Problem(String field, String message) {

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }
}
