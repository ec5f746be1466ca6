package dev.perfmonitoring.stack.process;

import java.nio.file.Path;

/** Where servers started by tests keep their logs and data: {@code target/servers} of the module under test. */
final class ServerDirectories {

    private ServerDirectories() {
    }

    static Path forTests() {
        return Path.of(System.getProperty("perfmonitoring.servers.dir", "target/servers")).toAbsolutePath();
    }
}
