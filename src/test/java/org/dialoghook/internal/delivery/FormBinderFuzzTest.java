package org.dialoghook.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dialoghook.FormBindingException;
import org.dialoghook.internal.config.BodyLimits;
import org.dialoghook.it.kit.SignupForm;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the binding of form answers into a handler's typed form, with Bean Validation.
 *
 * <p>An input is a delivery body; only bodies the receiver reads (within the default limits) reach the binder,
 * as in a delivery. The handler name picks the form type: {@code signup} binds the test handlers'
 * {@link SignupForm}, any other name the {@link Order} below, which has a field of most types a form has. The
 * properties: only {@link FormBindingException} escapes, naming the type and at least one field; a form that is
 * returned breaks none of its constraints; no input takes long (the timeout).
 */
class FormBinderFuzzTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final FormBinder FORMS = new FormBinder(JSON, JSONB, VALIDATOR);
    private static final DeliveryBodyReader BODIES = new DeliveryBodyReader(JSON, List.of("/handler"),
            BodyLimits.DEFAULTS);

    @FuzzTest
    @Timeout(10)
    void bind(byte[] input) {
        DeliveryBody body;
        try {
            body = BODIES.read(input);
        } catch (MalformedDeliveryException e) {
            return; // refused with 400 before any handler runs
        }
        Class<?> type = body.handlerName().equals("signup") ? SignupForm.class : Order.class;
        Object form;
        try {
            form = FORMS.bind(body.formValues(), type);
        } catch (FormBindingException refused) {
            assertTrue(refused.getMessage().contains(type.getSimpleName()), refused::getMessage);
            assertFalse(refused.problems().isEmpty(), "a refusal that names no field");
            refused.problems().forEach(problem -> {
                assertNotNull(problem.field());
                assertNotNull(problem.message());
            });
            return;
        }
        if (form != null) {
            assertTrue(VALIDATOR.validate(form).isEmpty(), () -> "a bound form that breaks its constraints: "
                    + VALIDATOR.validate(form));
        }
    }

    /** A typed form with a field of most kinds a form has, each with a constraint. */
    public static class Order {

        @NotBlank
        @Size(max = 40)
        public String name;

        @Min(1)
        @Max(99)
        public int quantity;

        @Positive
        public Long customer;

        @DecimalMin("0.00")
        @Digits(integer = 6, fraction = 2)
        public BigDecimal price;

        public BigInteger reference;

        public double ratio;

        @NotNull
        public Boolean agreed;

        @Pattern(regexp = "[A-Z]{2}")
        public String country;

        @Email
        public String email;

        @Past
        public LocalDate birthday;

        @Size(max = 3)
        public List<@NotBlank String> tags;

        public Map<String, Integer> extras;

        public Kind kind;

        @Valid
        public Address address;
    }

    /** A nested part of a form. */
    public static class Address {

        @NotBlank
        public String street;

        @Pattern(regexp = "[0-9]{4,5}")
        public String zip;
    }

    /** A choice of a form. */
    public enum Kind {
        PICKUP, DELIVERY
    }
}
