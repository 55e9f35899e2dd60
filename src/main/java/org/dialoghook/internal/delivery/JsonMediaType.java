package org.dialoghook.internal.delivery;

import java.util.Locale;

/**
 * The media-type rule of a delivery: {@code application/json} or any {@code application/*+json}, with or without
 * parameters, in UTF-8 when a charset is named.
 */
public final class JsonMediaType {

    private static final String PLAIN = "application/json";

    private JsonMediaType() {
    }

    /**
     * Checks a {@code Content-Type} header.
     *
     * @param contentType the header's value, or {@code null} when the request has none
     * @throws DeliveryRefusedException {@link ProblemKind#UNSUPPORTED_MEDIA_TYPE} when it is missing, malformed or
     *         not JSON in UTF-8
     */
    public static void require(String contentType) {
        if (contentType == null) {
            throw refused("The request has no Content-Type; send application/json.");
        }
        if (contentType.equalsIgnoreCase(PLAIN)) {
            return; // the plain type, as signers send it: nothing to parse
        }
        String[] parts = contentType.split(";", -1);
        String[] type = parts[0].strip().split("/", -1);
        if (type.length != 2 || !isToken(type[0]) || !isToken(type[1])) {
            throw refused("The Content-Type is malformed; send application/json.");
        }
        String charset = null;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals <= 0 || !isToken(parameter.substring(0, equals).strip())) {
                throw refused("The Content-Type is malformed; send application/json.");
            }
            if (parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                charset = unquote(parameter.substring(equals + 1).strip());
            }
        }
        String subtype = type[1].toLowerCase(Locale.ROOT);
        boolean json = type[0].equalsIgnoreCase("application") && (subtype.equals("json") || subtype.endsWith("+json"));
        if (!json || charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw refused("The body must be application/json (or application/*+json) in UTF-8, not '"
                    + LogText.safe(contentType) + "'.");
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** Whether the text is an RFC 9110 token: one or more visible characters other than separators. */
    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static DeliveryRefusedException refused(String detail) {
        return new DeliveryRefusedException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
