package org.dialoghook.it.kit;

import jakarta.enterprise.context.ApplicationScoped;
import org.dialoghook.HandlerName;

/** The late asynchronous handler again, under a name whose setting gives it a fallback block. */
@ApplicationScoped
@HandlerName("async-late-with-fallback")
public class LateAsyncWithFallbackHandler extends LateAsyncHandler {
}
