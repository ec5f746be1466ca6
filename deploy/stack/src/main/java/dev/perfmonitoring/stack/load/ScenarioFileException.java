package dev.perfmonitoring.stack.load;

import java.nio.file.Path;

/** The scenario file cannot be read or says something the runner cannot run; the message names the file. */
public final class ScenarioFileException extends RuntimeException {

    ScenarioFileException(Path file, String problem, Throwable cause) {
        super("scenario file " + file + ": " + problem, cause);
    }
}
