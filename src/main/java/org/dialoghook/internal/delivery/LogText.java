package org.dialoghook.internal.delivery;

/** Makes text that came from a request safe for one log line: control characters replaced, length capped. */
public final class LogText {

    private static final int MAX_LENGTH = 200;

    private LogText() {
    }

    /**
     * The text with every control character replaced by {@code ?} and cut at 200 characters.
     *
     * @param text request text, or {@code null}
     * @return text that stays on one line; {@code -} for {@code null}
     */
    public static String safe(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 3));
        for (int i = 0; i < text.length() && i < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (text.length() > MAX_LENGTH) {
            out.append("...");
        }
        return out.toString();
    }
}
