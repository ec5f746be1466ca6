package dev.perfmonitoring.exposer.config;

import java.util.List;

/** The exposer's configuration is invalid; the message names every offending key. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(List<String> problems) {
        super("Invalid exposer configuration:\n  - " + String.join("\n  - ", problems));
    }
}
