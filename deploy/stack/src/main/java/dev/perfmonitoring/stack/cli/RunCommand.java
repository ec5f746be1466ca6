package dev.perfmonitoring.stack.cli;

import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.TestId;
import dev.perfmonitoring.stack.load.ScenarioFile;
import dev.perfmonitoring.stack.local.LocalStack;
import dev.perfmonitoring.stack.local.SloThresholds;
import dev.perfmonitoring.stack.local.StackOptions;
import dev.perfmonitoring.stack.local.StackPorts;
import dev.perfmonitoring.stack.local.StackRun;
import dev.perfmonitoring.stack.report.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code perf-stack run}: the main job, {@code deploy/local/run.sh}. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Start the whole stack on loopback, run the Person scenario, print the SLO report.",
        description = {
            "Starts on loopback a Pushgateway, demo-api, exporter-service, exposer-service and a Prometheus that loads "
                + "the chart's rules and scrapes like its ServiceMonitors (and Grafana when installed), runs the Person "
                + "scenario, prints the SLO report and stops everything (also on Ctrl-C).",
            "Ports: PUSHGATEWAY_PORT (9091), DEMO_API_PORT (7080), EXPORTER_PORT (8000), EXPOSER_PORT (8001), "
                + "PROMETHEUS_PORT (9090), GRAFANA_PORT (3000).",
            ""})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60", converter = Converters.WholeSeconds.class,
            description = "How long the Person scenario runs (default ${DEFAULT-VALUE}; the seed's full run is 600).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "FACTOR", defaultValue = "1", converter = Converters.PositiveNumber.class,
            description = "Multiplies every scenario's rate and iteration count (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--testid", paramLabel = "ID", converter = Converters.TestIdValue.class,
            description = "Run id: the testid of the exporter's Pushgateway group (default run-<date>-<time>).")
    String testid;

    @Option(names = "--keep-running", description = "Keep everything up after the report, until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--slo", paramLabel = "'METHOD PATH=SECONDS'", converter = SloAssignment.class,
            description = "Latency SLO threshold of one endpoint, e.g. 'GET /person/{id}=0.25' (a demo-api histogram"
                    + " bucket; repeatable).")
    List<SloThresholds.Endpoint> slo = new ArrayList<>();

    @Option(names = "--slo-all", paramLabel = "SECONDS", converter = Converters.PositiveNumber.class,
            description = "The same threshold for every other endpoint.")
    Double sloAll;

    @Option(names = "--max-error-ratio", paramLabel = "RATIO", defaultValue = "0.01", converter = Converters.Ratio.class,
            description = "Largest share of 5xx responses that passes (default ${DEFAULT-VALUE}).")
    double maxErrorRatio;

    @Option(names = "--values", paramLabel = "FILE", converter = Converters.ExistingFile.class,
            description = "Extra values for the chart the rules and dashboards are rendered from (repeatable).")
    List<Path> valuesFiles = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "ID", converter = Converters.TestIdValue.class,
            description = "Compare with this earlier run of the same work directory (checked before the run starts);"
                    + " a regression ends with exit code 1.")
    String baseline;

    @Mixin
    RegressionOptions regression;

    @Mixin
    ReportFileOptions files;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Logs, reports (reports/<testid>.html), the rule file, dashboards and Prometheus's data, kept"
                    + " between runs (default $XDG_STATE_HOME/perf-stack, or ~/.local/state/perf-stack).")
    Path workDir;

    @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "15d",
            converter = Converters.PrometheusDuration.class,
            description = "How long Prometheus keeps earlier runs for --baseline (default ${DEFAULT-VALUE}).")
    Duration retention;

    @Option(names = "--fresh", description = "Forget every earlier run: start with empty Prometheus data.")
    boolean fresh;

    @Option(names = "--dry-run", description = "Check the options and the chart's values, print what would start,"
            + " start nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws InterruptedException {
        Path repository = RepositoryRoot.path();
        StackPorts ports = StackPorts.fromEnvironment(System.getenv());
        Path work = workDir == null ? defaultWorkDirectory() : workDir.toAbsolutePath();
        String run = testid == null ? TestId.generated() : testid;
        StackOptions options = new StackOptions(duration, rate, run, keepRunning,
                new SloThresholds(slo, sloAll == null ? OptionalDouble.empty() : OptionalDouble.of(sloAll)),
                maxErrorRatio, valuesFiles, work, Optional.ofNullable(baseline), regression.rule(),
                files.htmlOr(work.resolve("reports").resolve(run + ".html")), files.junitFile(), retention, fresh);
        StackRun stackRun = new StackRun(repository, options, ScenarioFile.read(), ports, System.out);
        LocalStack stack = stackRun.prepare();
        if (dryRun) {
            System.out.printf("run: testid %s, %d s at rate x%s; nothing started (--dry-run)%n", options.testid(),
                    options.duration().toSeconds(), options.rate());
            stack.describePlan(System.out);
            return ExitCode.PASSED.code();
        }
        Verdict verdict = stackRun.execute(stack);
        return ExitCode.of(verdict);
    }

    /** {@code $XDG_STATE_HOME/perf-stack}, or {@code ~/.local/state/perf-stack}: outside the build, kept between runs. */
    private static Path defaultWorkDirectory() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state == null || state.isBlank()
                ? Path.of(System.getProperty("user.home"), ".local", "state") : Path.of(state);
        return base.resolve("perf-stack").toAbsolutePath();
    }

    /** {@code METHOD PATH=SECONDS}. */
    static final class SloAssignment implements ITypeConverter<SloThresholds.Endpoint> {
        @Override
        public SloThresholds.Endpoint convert(String value) {
            try {
                return SloThresholds.Endpoint.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
