package org.dialoghook.console;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's answer to whatever its own resource did not expect: a problem, never the server's error page,
 * and the failure in the log. It acts on the console's own application only, which lists it.
 */
public class ConsoleErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ConsoleErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return ConsoleProblem.CLIENT_ERROR.response(web.getResponse().getStatus());
        }
        LOG.log(Level.SEVERE, "DH-0801 the development console failed", failure);
        return ConsoleProblem.CONSOLE_FAILED.response(failure.getClass().getSimpleName());
    }
}
