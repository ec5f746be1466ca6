package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.process.Promtool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promtool unit tests of the chart's rules: every {@code rules-tests/<name>.test.yaml} (test resources) runs with
 * {@code promtool test rules} against the rule file rendered from the chart, with {@code <name>.values.yaml} when
 * there is one, in every order of the groups that read each other's records, and together they check every recording
 * rule and fire every alert the chart renders.
 */
class PrometheusRuleUnitIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String TEST_SUFFIX = ".test.yaml";

    /** One promtool test file and the values file the chart is rendered with for it, if any. */
    record RuleUnitTest(Path testFile, Optional<Path> valuesFile) {

        String name() {
            String file = testFile.getFileName().toString();
            return file.substring(0, file.length() - TEST_SUFFIX.length());
        }

        JsonNode tree() {
            try {
                return YAML.readTree(testFile.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The rule file this test runs against, as the chart renders it. */
        String ruleFileYaml() {
            ChartRenderer renderer = ChartRenderer.chart();
            valuesFile.ifPresent(renderer::valuesFile);
            return renderer.render().ruleFileYaml();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    static List<RuleUnitTest> unitTests() {
        try (Stream<Path> files = Files.list(testDirectory())) {
            return files.filter(file -> file.getFileName().toString().endsWith(TEST_SUFFIX))
                    .sorted()
                    .map(file -> {
                        String name = file.getFileName().toString().replace(TEST_SUFFIX, "");
                        Path values = file.resolveSibling(name + ".values.yaml");
                        return new RuleUnitTest(file, Optional.of(values).filter(Files::exists));
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each rule test runs once for every order of the groups that read each other's records (promtool's
     * {@code group_eval_order}): an assertion that holds in one order only fails here every time, naming the order,
     * instead of failing CI now and then (promtool's own order is Go's map order, at random).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unitTests")
    void promtoolUnitTestPassesInEveryOrderOfTheGroupsThatReadEachOther(RuleUnitTest test, @TempDir Path dir)
            throws Exception {
        String ruleFile = test.ruleFileYaml();
        List<List<String>> orders = RuleGroupOrders.of(ruleFile).everyOrderThatMatters();

        List<String> failures = failingOrders(test.testFile(), ruleFile, orders, dir);

        assertThat(orders).as("group orders").hasSizeGreaterThan(1);
        assertThat(failures).as("%s in %d group orders", test.testFile().getFileName(), orders.size()).isEmpty();
    }

    @Test
    void aRuleTestThatDependsOnTheGroupOrderFailsInSomeOrder(@TempDir Path dir) throws Exception {
        // The assertion that made CI fail at random: an alert's value one evaluation after the ratio it reads changed.
        Path orderDependent = Path.of(PrometheusRuleUnitIT.class
                .getResource("/rules-tests-order-dependent/slo-burn-rate-at-a-change.test.yaml").toURI());
        String ruleFile = ChartRenderer.chart().render().ruleFileYaml();
        List<List<String>> orders = RuleGroupOrders.of(ruleFile).everyOrderThatMatters();

        List<String> failures = failingOrders(orderDependent, ruleFile, orders, dir);

        assertThat(failures).as("orders in which the order-dependent test fails")
                .isNotEmpty().hasSizeLessThan(orders.size());
    }

    @Test
    void theGroupsThatReadAnotherGroupsRecordsAreKnown() {
        RuleGroupOrders groups = RuleGroupOrders.of(ChartRenderer.chart().render().ruleFileYaml());

        assertThat(groups.groupsReadBy("perf-monitoring-slo-alerts"))
                .containsExactly("perf-monitoring-http", "perf-monitoring-slo");
        assertThat(groups.groupsReadBy("perf-monitoring-slo")).containsExactly("perf-monitoring-http");
        assertThat(groups.groupsReadBy("perf-monitoring-http")).isEmpty();
        assertThat(groups.everyOrderThatMatters()).hasSize(6).allSatisfy(order ->
                assertThat(order).containsExactlyInAnyOrderElementsOf(groups.groups())
                        .endsWith("perf-monitoring-availability", "perf-monitoring-load-test-data"));
    }

    /** Runs the promtool test file once per group order; returns the failing orders with promtool's output. */
    private static List<String> failingOrders(Path testFile, String ruleFile, List<List<String>> orders, Path dir)
            throws IOException, InterruptedException {
        Files.writeString(dir.resolve("rules.yml"), ruleFile);
        String testYaml = Files.readString(testFile);
        assertThat(testYaml).as("%s sets no group order of its own", testFile).doesNotContain("group_eval_order");
        List<String> failures = new ArrayList<>();
        for (List<String> order : orders) {
            String orderLine = order.stream().map(group -> '"' + group + '"')
                    .collect(Collectors.joining(", ", "group_eval_order: [", "]\n"));
            Path ordered = dir.resolve("ordered-" + testFile.getFileName());
            Files.writeString(ordered, orderLine + testYaml);
            Promtool result = Promtool.run(dir, "test", "rules", ordered.getFileName().toString());
            if (result.exitCode() != 0 || !result.output().contains("SUCCESS")) {
                failures.add("groups evaluated in the order " + order + ":\n" + result.output());
            }
        }
        return failures;
    }

    @Test
    void everyRecordingRuleIsCheckedAndEveryAlertFiresInSomeUnitTest() throws IOException {
        List<RuleUnitTest> tests = unitTests();
        Set<String> records = new TreeSet<>();
        Set<String> alerts = new TreeSet<>();
        for (String ruleFile : Stream.concat(Stream.of(ChartRenderer.chart().render().ruleFileYaml()),
                tests.stream().filter(test -> test.valuesFile().isPresent()).map(RuleUnitTest::ruleFileYaml)).toList()) {
            for (JsonNode group : YAML.readTree(ruleFile).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("record")) {
                        records.add(rule.path("record").asText());
                    } else {
                        alerts.add(rule.path("alert").asText());
                    }
                }
            }
        }
        List<String> checkedExpressions = new ArrayList<>();
        Set<String> firedAlerts = new TreeSet<>();
        for (RuleUnitTest test : tests) {
            for (JsonNode group : test.tree().path("tests")) {
                group.path("promql_expr_test").forEach(check -> checkedExpressions.add(check.path("expr").asText()));
                for (JsonNode check : group.path("alert_rule_test")) {
                    if (!check.path("exp_alerts").isEmpty()) {
                        firedAlerts.add(check.path("alertname").asText());
                    }
                }
            }
        }

        assertThat(records).as("recording rules").isNotEmpty().allSatisfy(record ->
                assertThat(checkedExpressions).as("promql_expr_test expressions reading %s", record)
                        .anyMatch(expression -> Pattern.compile("(?<![\\w:])" + Pattern.quote(record) + "(?![\\w:])")
                                .matcher(expression).find()));
        assertThat(firedAlerts).as("alerts some alert_rule_test expects to fire").containsAll(alerts);
        assertThat(alerts).contains("PerfMonitoringTargetDown", "PerfMonitoringSloLatencyViolation",
                "PerfMonitoringHighErrorRate", "PerfMonitoringSloBudgetFastBurn", "PerfMonitoringSloBudgetSlowBurn",
                "PerfMonitoringPushgatewayDataStale", "PerfMonitoringK6RemoteWriteAbsent");
    }

    private static Path testDirectory() {
        try {
            return Path.of(PrometheusRuleUnitIT.class.getResource("/rules-tests").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
