package org.dialoghook.it.crash;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The test WAR's filter in front of the webhook: a copy that carries {@link CrashPoint#HEADER} arms its delivery
 * (named by the token's {@code jti}, read without checking: the receiver checks it) for that point; for
 * {@link CrashPoint#BEFORE_ANSWER} it also holds the reply's first write, so nothing of the answer reaches the
 * connection before the server is killed.
 */
public class CrashFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String asked = request.getHeader(CrashPoint.HEADER);
        if (asked == null) {
            chain.doFilter(request, response);
            return;
        }
        CrashPoint point = CrashPoint.of(asked);
        String deliveryId = jti(request.getHeader("Authorization"));
        CrashHooks.arm(deliveryId, point);
        chain.doFilter(request, point == CrashPoint.BEFORE_ANSWER ? new HeldAnswer(response, deliveryId) : response);
    }

    private static String jti(String authorization) {
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        JsonObject object = Json.createReader(new StringReader(claims)).readObject();
        return object.getString("jti");
    }

    /** A response whose body stops at {@link CrashPoint#BEFORE_ANSWER} before its first byte is written. */
    private static final class HeldAnswer extends HttpServletResponseWrapper {

        private final String deliveryId;

        HeldAnswer(HttpServletResponse response, String deliveryId) {
            super(response);
            this.deliveryId = deliveryId;
        }

        @Override
        public void flushBuffer() throws IOException {
            CrashHooks.stopIfArmed(deliveryId, CrashPoint.BEFORE_ANSWER);
            super.flushBuffer();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            ServletOutputStream body = super.getOutputStream();
            return new ServletOutputStream() {
                private void hold() {
                    CrashHooks.stopIfArmed(deliveryId, CrashPoint.BEFORE_ANSWER);
                }

                @Override
                public void write(int b) throws IOException {
                    hold();
                    body.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    hold();
                    body.write(bytes, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    hold();
                    body.flush();
                }

                @Override
                public void close() throws IOException {
                    hold();
                    body.close();
                }

                @Override
                public boolean isReady() {
                    return body.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    body.setWriteListener(listener);
                }
            };
        }
    }
}
