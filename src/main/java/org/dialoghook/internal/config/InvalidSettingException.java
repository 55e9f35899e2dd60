package org.dialoghook.internal.config;

/** A setting has a value the receiver cannot use; the message names the setting and never holds a secret. */
public class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param setting the setting's name
     * @param problem what is wrong with its value
     */
    public InvalidSettingException(String setting, String problem) {
        super("Setting '" + setting + "': " + problem);
    }
}
