package dev.perfmonitoring.loadrunner;

import java.util.Arrays;

/**
 * Command line of the load runner.
 *
 * <pre>
 * java -jar load-runner.jar run [--base-url URL] [--exporter-url URL] [--prometheus-url URL] [--duration SECONDS]
 *                               [--rate FACTOR] [--testid ID] [--batch-interval SECONDS] [--progress-interval SECONDS]
 * </pre>
 * Exit codes: 0 done, 2 bad usage.
 */
public final class LoadRunnerMain {

    private LoadRunnerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || !"run".equals(args[0])) {
            usage("expected a command: run");
        }
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        try {
            LoadRun.Summary summary = new LoadRun(RunOptions.parse(options), System.out).execute();
            System.out.printf("load-runner: done: %d requests, %d failed, %d dropped iterations, %d reported to the exporter%n",
                    summary.requests(), summary.failures(), summary.dropped(), summary.reportedToExporter());
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
        }
    }

    private static void usage(String problem) {
        System.err.println("load-runner: " + problem);
        System.err.println("usage: java -jar load-runner.jar run [--base-url URL] [--exporter-url URL]"
                + " [--prometheus-url URL] [--duration SECONDS] [--rate FACTOR] [--testid ID]"
                + " [--batch-interval SECONDS] [--progress-interval SECONDS]");
        System.exit(2);
    }
}
