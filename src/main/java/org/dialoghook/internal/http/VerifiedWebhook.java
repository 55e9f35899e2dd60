package org.dialoghook.internal.http;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Binds the token filter and the delivery reader to the webhook resource, and to nothing else. */
@NameBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface VerifiedWebhook {
}
