package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class K6DurationTest {

    @Test
    void parsesGoDurationUnitsAndTheirSums() {
        assertThat(K6Duration.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(K6Duration.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(K6Duration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(K6Duration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(K6Duration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "m", "10d", "-5s", "10 m", "1m 30s"})
    void rejectsWhatIsNoK6Duration(String text) {
        assertThatThrownBy(() -> K6Duration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a k6 duration");
    }

    @Test
    void formatsWholeSecondsAsTheScriptDoesAndFractionsInMilliseconds() {
        assertThat(K6Duration.format(Duration.ofMinutes(2))).isEqualTo("120s");
        assertThat(K6Duration.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(K6Duration.seconds(Duration.ofMillis(2500))).isEqualTo(2.5);
    }
}
