package dev.helpdesk.app.config;

/** A configuration value is missing or malformed; the message names the variable. */
public class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
