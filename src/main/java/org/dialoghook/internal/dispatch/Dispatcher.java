package org.dialoghook.internal.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;
import org.dialoghook.internal.dispatch.HandlerRegistry.RegisteredHandler;

/** Runs the handler a verified delivery names and returns its reply. */
@ApplicationScoped
public class Dispatcher {

    @Inject
    HandlerRegistry registry;

    /**
     * Runs the named handler.
     *
     * @param request the verified delivery
     * @return the handler's reply
     * @throws UnknownHandlerException when no handler has the name
     * @throws HandlerFailedException when the handler throws
     */
    public Reply dispatch(WebhookRequest request) {
        RegisteredHandler handler = registry.find(request.handlerName())
                .orElseThrow(() -> new UnknownHandlerException(request.handlerName(), registry.names()));
        ResponseBuilder response = new ResponseBuilder();
        Instance.Handle<WebhookHandler> handle = handler.instance().getHandle();
        try {
            handle.get().handle(request, response);
        } catch (Exception e) {
            throw new HandlerFailedException(handler.name(), e);
        } finally {
            if (handler.dependent()) {
                handle.destroy();
            }
        }
        return response.build();
    }
}
