package dev.perfmonitoring.demoapi.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessSampleTest {

    /** Fields 14 and 15 (utime, stime) are 250 and 50 ticks; the command name holds spaces and parentheses. */
    private static final String STAT = "4242 (my (odd) app) S 1 4242 4242 0 -1 4194560 123456 0 12 0 250 50 7 3 20 0 "
            + "42 0 1234567 5000000000 40000 18446744073709551615 1 1 0 0 0 0 0 4096 1260 0 0 0 17 1 0 0 0 0 0\n";

    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            VmPeak:\t 5000000 kB
            VmSize:\t 4800000 kB
            VmHWM:\t  210000 kB
            VmRSS:\t  153600 kB
            Threads:\t42
            """;

    @Test
    void addsUserAndSystemTicksWhateverTheCommandNameContains() {
        ProcessSample sample = ProcessSample.parse(STAT, STATUS, 0);

        assertThat(sample.cpuTicks()).isEqualTo(300);
    }

    @Test
    void readsResidentMemoryFromVmRssInMegabytes() {
        ProcessSample sample = ProcessSample.parse(STAT, STATUS, 0);

        assertThat(sample.residentKilobytes()).isEqualTo(153_600);
        assertThat(sample.residentMegabytes()).isEqualTo(150.0);
    }

    @Test
    void cpuPercentIsCpuTimeOverWallTimeBetweenTwoSamples() {
        ProcessSample earlier = new ProcessSample(1_000, 0, 5_000_000_000L);
        ProcessSample later = new ProcessSample(1_150, 0, 8_000_000_000L);

        // 150 ticks = 1.5 s of CPU in 3 s of wall time.
        assertThat(later.cpuPercentSince(earlier)).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void cpuPercentCountsEveryBusyCpu() {
        ProcessSample earlier = new ProcessSample(0, 0, 0);
        ProcessSample later = new ProcessSample(200, 0, 1_000_000_000L);

        assertThat(later.cpuPercentSince(earlier)).isCloseTo(200.0, within(1e-9));
    }

    @Test
    void cpuPercentIsZeroWithoutElapsedTime() {
        ProcessSample sample = new ProcessSample(10, 0, 7);

        assertThat(sample.cpuPercentSince(sample)).isZero();
    }

    @Test
    void rejectsStatusWithoutResidentMemory() {
        assertThatThrownBy(() -> ProcessSample.parse(STAT, "Name:\tjava\n", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VmRSS");
    }

    @Test
    void readsThisProcessFromProc() throws IOException {
        Path proc = Path.of("/proc/self");

        ProcessSample sample = ProcessSample.parse(Files.readString(proc.resolve("stat")),
                Files.readString(proc.resolve("status")), System.nanoTime());

        assertThat(sample.cpuTicks()).isPositive();
        assertThat(sample.residentMegabytes()).isGreaterThan(1.0);
    }
}
