package org.dialoghook.internal.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A request as the token filter sees it, without a server: path parameter, headers, body and the properties the
 * filter leaves; records what the filter aborted with.
 */
final class FakeRequest {

    final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    final Map<String, Object> properties = new HashMap<>();
    private final MultivaluedMap<String, String> pathParameters = new MultivaluedHashMap<>();
    private byte[] body = new byte[0];
    private int declaredLength = -1;
    Response aborted;

    FakeRequest bot(String bot) {
        pathParameters.putSingle("bot", bot);
        return this;
    }

    FakeRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    FakeRequest body(String text) {
        body = text.getBytes(StandardCharsets.UTF_8);
        declaredLength = body.length;
        return this;
    }

    FakeRequest bodyWithoutLength(byte[] bytes) {
        body = bytes;
        declaredLength = -1;
        return this;
    }

    /** The request context the filter is given. */
    ContainerRequestContext context() {
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPathParameters" -> pathParameters;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        InputStream entity = new ByteArrayInputStream(body);
        return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getUriInfo" -> uri;
                    case "getHeaders" -> headers;
                    case "getHeaderString" -> headers.containsKey((String) args[0])
                            ? String.join(",", headers.get((String) args[0])) : null;
                    case "getEntityStream" -> entity;
                    case "getLength" -> declaredLength;
                    case "getProperty" -> properties.get((String) args[0]);
                    case "setProperty" -> properties.put((String) args[0], args[1]);
                    case "abortWith" -> {
                        aborted = (Response) args[0];
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
