package org.dialoghook.internal.delivery;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dialoghook.FormBindingException;

/**
 * Binds form answers into a handler's type with JSON-B ({@code {"value": x}} read as {@code x}) and checks
 * the type's Bean Validation constraints. What does not fit becomes a {@link FormBindingException} that
 * names each field.
 */
public final class FormBinder {

    private final JsonProvider json;
    private final Jsonb jsonb;
    private final Validator validator;

    /**
     * Creates a binder.
     *
     * @param json the JSON-P provider
     * @param jsonb the JSON-B instance
     * @param validator the Bean Validation validator, or {@code null} where none is available
     */
    public FormBinder(JsonProvider json, Jsonb jsonb, Validator validator) {
        this.json = json;
        this.jsonb = jsonb;
        this.validator = validator;
    }

    /**
     * Binds and validates.
     *
     * @param formValues the form values as delivered
     * @param type the handler's form type
     * @param <T> the form type
     * @return the bound, valid form
     * @throws FormBindingException naming each field that does not fit
     */
    public <T> T bind(JsonObject formValues, Class<T> type) {
        JsonObject answers = FormValues.unwrapAll(json, formValues);
        T form;
        try {
            form = jsonb.fromJson(answers.toString(), type);
        } catch (JsonbException e) {
            throw new FormBindingException("The form values do not fit " + type.getSimpleName() + ".",
                    List.of(mismatch(answers, type)), e);
        }
        if (validator != null && form != null) {
            Set<ConstraintViolation<T>> violations = validator.validate(form);
            if (!violations.isEmpty()) {
                List<FormBindingException.Problem> problems = violations.stream()
                        .map(violation -> new FormBindingException.Problem(violation.getPropertyPath().toString(),
                                violation.getMessage()))
                        .sorted(Comparator.comparing(FormBindingException.Problem::field)
                                .thenComparing(FormBindingException.Problem::message))
                        .toList();
                throw new FormBindingException("The form values break the constraints of " + type.getSimpleName()
                        + ".", problems, null);
            }
        }
        return form;
    }

    /** Finds the answer that cannot be bound on its own, to name its field. */
    private FormBindingException.Problem mismatch(JsonObject answers, Class<?> type) {
        for (Map.Entry<String, JsonValue> answer : answers.entrySet()) {
            String single = json.createObjectBuilder().add(answer.getKey(), answer.getValue()).build().toString();
            try {
                jsonb.fromJson(single, type);
            } catch (JsonbException e) {
                return new FormBindingException.Problem(answer.getKey(), "cannot be read as this field's type");
            }
        }
        return new FormBindingException.Problem("form", "the answers do not fit together");
    }
}
