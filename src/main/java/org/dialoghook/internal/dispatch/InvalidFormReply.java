package org.dialoghook.internal.dispatch;

import jakarta.ejb.EJBException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.dialoghook.FormBindingException;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.internal.config.HandlerPolicy;

/**
 * The reply to a delivery whose form does not fit its handler's type: the handler's invalid-form block when one
 * is set, else a text block listing what is wrong, field by field. The receiver and the test kit's in-process
 * runs both answer with it.
 */
public final class InvalidFormReply {

    private InvalidFormReply() {
    }

    /**
     * Finds the invalid form a handler's failure is about, through the wrappers a future or a session bean adds.
     *
     * @param failure what the handler threw, or what its stage completed with
     * @return the invalid form, or empty for any other failure
     */
    public static Optional<FormBindingException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FormBindingException invalid) {
                return Optional.of(invalid);
            }
        }
        return Optional.empty();
    }

    /**
     * The failure itself, without the wrappers a future or a session bean puts around it.
     *
     * @param failure what the handler threw, or what its stage completed with
     * @return the innermost failure that is not such a wrapper
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof EJBException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * The reply to an invalid form.
     *
     * @param invalid what does not fit
     * @param policy the handler's settings, with its invalid-form block
     * @return the reply, sent with status 200
     */
    public static Reply to(FormBindingException invalid, HandlerPolicy policy) {
        ResponseBuilder reply = new ResponseBuilder();
        if (policy.invalidFormBlock().isPresent()) {
            reply.pushBlockPointer(policy.invalidFormBlock().get());
        } else {
            reply.pushText(invalid.problems().stream().map(FormBindingException.Problem::toString)
                    .collect(Collectors.joining("\n")));
        }
        return reply.build();
    }
}
