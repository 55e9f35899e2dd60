package org.dialoghook;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Names the LogicDialog handler a bean serves: the free-text "handler name" set on a Function block.
 *
 * <p>The annotation is a CDI qualifier and its value takes part in resolution, so each name selects
 * exactly one bean. Put it on an EJB or CDI bean that implements {@link WebhookHandler}:
 *
 * <pre>{@code
 * @Stateless
 * @HandlerName("submit-feature-request")
 * public class FeatureRequestHandler implements WebhookHandler {
 *     @Override
 *     public void handle(WebhookRequest request, ResponseBuilder response) {
 *         String title = request.formValue("title").orElse("(no title)");
 *         response.pushText("Thanks, we noted: " + title);
 *     }
 * }
 * }</pre>
 *
 * <p>Two beans that claim the same name fail the deployment, and the error names both classes.
 * To look a handler up yourself, select it with {@link Literal#of(String)}:
 * {@code handlers.select(HandlerName.Literal.of("submit-feature-request")).get()}.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD, PARAMETER})
public @interface HandlerName {

    /**
     * The handler name exactly as it is typed in the block's settings; compared case-sensitively.
     *
     * @return the handler name
     */
    String value();

    /** An instance of {@link HandlerName} for programmatic lookup, for example with {@code Instance.select}. */
    final class Literal extends AnnotationLiteral<HandlerName> implements HandlerName {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        /**
         * Returns the qualifier for the given handler name.
         *
         * @param name the handler name
         * @return a qualifier instance equal to {@code @HandlerName(name)}
         */
        public static Literal of(String name) {
            return new Literal(name);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
