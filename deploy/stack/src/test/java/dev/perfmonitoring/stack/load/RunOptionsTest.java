package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

    @Test
    void parsesEveryOptionAndStripsTrailingSlashes() {
        RunOptions options = RunOptions.parse("--base-url", "http://127.0.0.1:7080/", "--exporter-url",
                "http://127.0.0.1:8000", "--prometheus-url", "http://127.0.0.1:9090/", "--duration", "45", "--rate",
                "0.5", "--testid", "nightly-42", "--batch-interval", "2", "--progress-interval", "3");

        assertThat(options).isEqualTo(new RunOptions(URI.create("http://127.0.0.1:7080"),
                Optional.of(URI.create("http://127.0.0.1:8000")), Optional.of(URI.create("http://127.0.0.1:9090")),
                Duration.ofSeconds(45), 0.5, "nightly-42", Duration.ofSeconds(2), Duration.ofSeconds(3)));
    }

    @Test
    void defaultsToTheSeedsTenMinutesAtFullRateWithAGeneratedTestid() {
        RunOptions options = RunOptions.parse();

        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.rate()).isEqualTo(1.0);
        assertThat(options.testid()).matches("run-\\d{8}-\\d{6}");
        assertThat(options.exporterUrl()).isEmpty();
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        assertThatThrownBy(() -> RunOptions.parse("--rate", "0")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> RunOptions.parse("--rate", "fast")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> RunOptions.parse("--duration", "-5")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> RunOptions.parse("--testid", "a b")).hasMessageContaining("--testid");
        assertThatThrownBy(() -> RunOptions.parse("--base-url", "localhost:7080")).hasMessageContaining("--base-url");
        assertThatThrownBy(() -> RunOptions.parse("--verbose")).hasMessageContaining("--verbose");
        assertThatThrownBy(() -> RunOptions.parse("--bogus", "1")).hasMessageContaining("unknown option --bogus");
    }
}
