package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm lint --strict} (the real Helm engine through helm-java) under every ci scenario. */
class ChartLintIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void lintsWithoutErrorsOrWarningsInStrictMode(ChartScenario scenario, @TempDir Path copyDirectory) {
        Path chart = ChartCopy.of(copyDirectory).withValuesAsDefaults(scenario.valuesFile()).directory();

        LintResult lint = new Helm(chart).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages())
                .as("strict lint treats warnings as failures; none may appear")
                .noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }
}
