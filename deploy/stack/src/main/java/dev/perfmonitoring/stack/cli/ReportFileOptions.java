package dev.perfmonitoring.stack.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a report goes (a picocli mixin of run, report and compare). */
final class ReportFileOptions {

    @Option(names = "--out", paramLabel = "FILE", description = "The HTML report (default: see the command).")
    Path html;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write the verdicts as JUnit XML: one test case per endpoint SLO and per regression check.")
    Path junit;

    Path htmlOr(Path fallback) {
        return (html == null ? fallback : html).toAbsolutePath();
    }

    Optional<Path> junitFile() {
        return Optional.ofNullable(junit).map(Path::toAbsolutePath);
    }
}
