package dev.perfmonitoring.stack.cli;

import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.load.LoadRun;
import dev.perfmonitoring.stack.load.RunOptions;
import dev.perfmonitoring.stack.report.SloReport;
import dev.perfmonitoring.stack.local.StackOptions;
import dev.perfmonitoring.stack.local.StackRun;
import java.util.Arrays;

/**
 * Command line of the one-machine stack ({@code java -jar deploy/local/target/local-stack.jar}).
 *
 * <ul>
 *   <li>{@code run [options]}: what {@code deploy/local/run.sh} runs: the whole stack, the Person scenario, the SLO
 *       report; see {@link StackOptions#USAGE}.</li>
 *   <li>{@code load [options]}: only the Person scenario, against a demo-api (and exporter) already running, e.g.
 *       port-forwarded from a cluster; see {@link RunOptions}.</li>
 * </ul>
 * Exit codes: 0 passed, 1 an SLO failed, 2 bad usage, 3 the stack did not start.
 */
public final class PerfStack {

    private PerfStack() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        String[] options = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        System.exit(switch (command) {
            case "run" -> run(options);
            case "load" -> load(options);
            default -> usage("unknown command '" + command + "' (expected run or load)", StackOptions.USAGE);
        });
    }

    private static int run(String[] args) throws Exception {
        StackOptions options;
        try {
            options = StackOptions.parse(RepositoryRoot.path(), args);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage(), StackOptions.USAGE);
        }
        SloReport report;
        try {
            report = new StackRun(RepositoryRoot.path(), options, StackRun.portsFromEnvironment(), System.out).execute();
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage(), StackOptions.USAGE);
        } catch (IllegalStateException e) {
            System.err.println("local-stack: the stack did not start: " + e.getMessage());
            return 3;
        }
        return report.passed() ? StackRun.PASSED : StackRun.FAILED;
    }

    private static int load(String[] args) throws InterruptedException {
        try {
            LoadRun.Summary summary = new LoadRun(RunOptions.parse(args), System.out).execute();
            System.out.printf("local-stack: %d requests, %d failed, %d dropped iterations, %d reported to the exporter%n",
                    summary.requests(), summary.failures(), summary.dropped(), summary.reportedToExporter());
            return 0;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage(), "usage: local-stack load [--base-url URL] [--exporter-url URL]"
                    + " [--prometheus-url URL] [--duration SECONDS] [--rate FACTOR] [--testid ID]"
                    + " [--batch-interval SECONDS] [--progress-interval SECONDS]");
        }
    }

    private static int usage(String problem, String usage) {
        System.err.println("local-stack: " + problem);
        System.err.println(usage);
        return 2;
    }
}
