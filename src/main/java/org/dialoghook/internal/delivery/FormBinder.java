package org.dialoghook.internal.delivery;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.util.ArrayList;
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
        } catch (JsonbException | ArithmeticException | NumberFormatException e) {
            // JSON-B reports most mismatches as its own exception; a number too large for a field's type may come
            // as the conversion's own
            throw new FormBindingException("The form values do not fit " + type.getSimpleName() + ".",
                    List.of(mismatch(answers, type)), e);
        }
        if (form != null) {
            requireNumbersHeld(answers, form, type);
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

    /**
     * Refuses a number that the field it was bound to cannot hold. JSON-B narrows a number into an {@code int},
     * {@code long} or {@code short} field without a word ({@code 3000000000} becomes {@code -1294967296}, {@code 1.5}
     * becomes {@code 1}); the bound form, written back with the same JSON-B, shows each field as it was bound, and a
     * number that comes back as another number did not fit.
     */
    private <T> void requireNumbersHeld(JsonObject answers, T form, Class<T> type) {
        if (answers.values().stream().noneMatch(JsonNumber.class::isInstance)) {
            return;
        }
        JsonValue bound;
        try {
            bound = json.createReader(new StringReader(jsonb.toJson(form, type))).readValue();
        } catch (JsonbException | JsonException e) {
            return; // a form JSON-B cannot write back: its numbers are the handler's own business
        }
        if (!(bound instanceof JsonObject fields)) {
            return;
        }
        List<FormBindingException.Problem> problems = new ArrayList<>();
        answers.forEach((name, answer) -> {
            if (answer instanceof JsonNumber sent && fields.get(name) instanceof JsonNumber held
                    && sent.bigDecimalValue().compareTo(held.bigDecimalValue()) != 0) {
                problems.add(new FormBindingException.Problem(name, "cannot be read as this field's type"));
            }
        });
        if (!problems.isEmpty()) {
            throw new FormBindingException("The form values do not fit " + type.getSimpleName() + ".", problems, null);
        }
    }

    /** Finds the answer that cannot be bound on its own, to name its field. */
    private FormBindingException.Problem mismatch(JsonObject answers, Class<?> type) {
        for (Map.Entry<String, JsonValue> answer : answers.entrySet()) {
            String single = json.createObjectBuilder().add(answer.getKey(), answer.getValue()).build().toString();
            try {
                jsonb.fromJson(single, type);
            } catch (JsonbException | ArithmeticException | NumberFormatException e) {
                return new FormBindingException.Problem(answer.getKey(), "cannot be read as this field's type");
            }
        }
        return new FormBindingException.Problem("form", "the answers do not fit together");
    }
}
