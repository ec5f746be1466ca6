package dev.perfmonitoring.stack.cli;

import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.TestId;
import dev.perfmonitoring.stack.load.ScenarioFile;
import dev.perfmonitoring.stack.local.LocalStack;
import dev.perfmonitoring.stack.local.SloThresholds;
import dev.perfmonitoring.stack.local.StackOptions;
import dev.perfmonitoring.stack.local.StackPorts;
import dev.perfmonitoring.stack.local.StackRun;
import dev.perfmonitoring.stack.report.SloReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
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

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Logs, rule file, dashboards, Prometheus data (default deploy/stack/target/stack).")
    Path workDir;

    @Option(names = "--dry-run", description = "Check the options and the chart's values, print what would start,"
            + " start nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws InterruptedException {
        Path repository = RepositoryRoot.path();
        StackPorts ports = StackPorts.fromEnvironment(System.getenv());
        StackOptions options = new StackOptions(duration, rate, testid == null ? TestId.generated() : testid,
                keepRunning, new SloThresholds(slo, sloAll == null ? OptionalDouble.empty() : OptionalDouble.of(sloAll)),
                maxErrorRatio, valuesFiles,
                workDir == null ? repository.resolve("deploy/stack/target/stack") : workDir.toAbsolutePath());
        StackRun run = new StackRun(repository, options, ScenarioFile.read(), ports, System.out);
        LocalStack stack = run.prepare();
        if (dryRun) {
            System.out.printf("run: testid %s, %d s at rate x%s; nothing started (--dry-run)%n", options.testid(),
                    options.duration().toSeconds(), options.rate());
            stack.describePlan(System.out);
            return ExitCode.PASSED.code();
        }
        SloReport report = run.execute(stack);
        return (report.passed() ? ExitCode.PASSED : ExitCode.SLO_FAILED).code();
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
