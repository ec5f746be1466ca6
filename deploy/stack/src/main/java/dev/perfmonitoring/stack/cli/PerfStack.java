package dev.perfmonitoring.stack.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code perf-stack}, the project's command-line tool ({@code deploy/perf-stack}; {@code deploy/local/run.sh} is
 * {@code perf-stack run}). Exit codes are {@link ExitCode}'s, the same for every command.
 */
@Command(name = "perf-stack", mixinStandardHelpOptions = true, versionProvider = PerfStack.Version.class,
        subcommands = {RunCommand.class, LoadCommand.class, ReportCommand.class, CompareCommand.class},
        description = {"Load tests of demo-api watched by Prometheus, on this machine or against a cluster.", ""})
public final class PerfStack implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with perf-stack's exit codes and one-line error messages. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PerfStack()).setUsageHelpWidth(100);
        commandLine.setExecutionExceptionHandler((failure, command, parseResult) -> ExitCode.report(failure, command));
        commandLine.setParameterExceptionHandler(PerfStack::badUsage);
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            exitCodes.put(Integer.toString(code.code()), code.meaning());
        }
        applyToAll(commandLine, exitCodes);
        return commandLine;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed: run, load, report or compare");
    }

    private static int badUsage(ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + problem.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(problem, command.getErr());
        command.getErr().println("see: " + command.getCommandSpec().qualifiedName() + " --help");
        return ExitCode.USAGE.code();
    }

    private static void applyToAll(CommandLine commandLine, Map<String, String> exitCodes) {
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        commandLine.getSubcommands().values().forEach(sub -> applyToAll(sub, exitCodes));
    }

    /** The version of the jar (its manifest's Implementation-Version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PerfStack.class.getPackage().getImplementationVersion();
            return new String[] {"perf-stack " + (version == null ? "(development build)" : version)};
        }
    }
}
