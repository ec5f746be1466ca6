package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.stack.RepositoryRoot;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No scenario number is written in code: neither the k6 script nor the Java classes that build and schedule the
 * scenarios hold a number of the scenario file (every number in it, and every duration in seconds as well), outside
 * comments and strings. 0 and 1 are left out: code needs them for counting and rounding. This backs up
 * {@link K6ScriptScenariosTest}, which proves the script's scenarios follow the file.
 */
class ScenarioNumbersInCodeTest {

    private static final Path LOAD_SOURCES =
            RepositoryRoot.path().resolve("deploy/stack/src/main/java/dev/perfmonitoring/stack/load");
    /** HTTP, exporter and command-line plumbing (timeouts, intervals) and percentile ranks: no scenario. */
    private static final Set<String> NOT_SCENARIO_CODE = Set.of("LoadRun.java", "PersonApiClient.java",
            "BatchReporter.java", "ProgressPrinter.java", "RunOptions.java", "RequestStatistics.java");

    @Test
    void theK6ScriptHoldsNoNumberOfTheScenarioFile() throws IOException {
        String script = Files.readString(ScenarioFile.location().resolveSibling("person-api.js"));

        assertThat(NumericLiterals.inJavaScript(script)).as("numbers in person-api.js's code")
                .isNotEmpty()
                .noneMatch(scenarioNumbers()::contains);
    }

    @Test
    void theJavaScenarioClassesHoldNoNumberOfTheScenarioFile() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(LOAD_SOURCES)) {
            sources = files.filter(file -> !NOT_SCENARIO_CODE.contains(file.getFileName().toString()))
                    .sorted().toList();
        }
        assertThat(sources).extracting(file -> file.getFileName().toString())
                .contains("ScenarioFile.java", "Scaling.java", "SharedIterations.java", "ConstantArrivalRate.java");

        Map<String, List<BigDecimal>> found = new TreeMap<>();
        for (Path source : sources) {
            List<BigDecimal> numbers = NumericLiterals.inJava(Files.readString(source)).stream()
                    .filter(scenarioNumbers()::contains)
                    .toList();
            if (!numbers.isEmpty()) {
                found.put(source.getFileName().toString(), numbers);
            }
        }
        assertThat(found).as("scenario numbers written in Java").isEmpty();
    }

    @Test
    void theLexerFindsNumbersInCodeOnly() {
        String javaScript = "// 600\nconst a = 50; /* 20 */ const b = '10'; const c = `x${5 + 2}y 500`; f(1e9, 0.5)";
        String java = "// 600\nlong a = 50_000L; /* 20 */ String b = \"10\"; char c = '5';"
                + " String d = \"\"\"\n 500\"\"\";";

        assertThat(NumericLiterals.inJavaScript(javaScript)).extracting(BigDecimal::toPlainString)
                .containsExactly("50", "5", "2", "1000000000", "0.5");
        assertThat(NumericLiterals.inJava(java)).extracting(BigDecimal::toPlainString).containsExactly("50000");
    }

    /** Every number of the file, durations also in seconds, without 0 and 1. */
    private static Set<BigDecimal> scenarioNumbers() {
        try {
            Set<BigDecimal> numbers = new TreeSet<>();
            collect(new ObjectMapper().readTree(ScenarioFile.location().toFile()), numbers);
            numbers.removeIf(number -> number.compareTo(BigDecimal.ONE) <= 0);
            assertThat(numbers).as("numbers of the scenario file").contains(new BigDecimal(50000), new BigDecimal(600));
            return numbers;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(JsonNode node, Set<BigDecimal> numbers) {
        if (node.isNumber()) {
            numbers.add(NumericLiterals.canonical(node.decimalValue()));
        } else if (node.isTextual() && node.asText().matches("(\\d+(\\.\\d+)?(h|ms|m|s))+")) {
            double seconds = K6Duration.seconds(K6Duration.parse(node.asText()));
            numbers.add(NumericLiterals.canonical(BigDecimal.valueOf(seconds)));
            Stream.of(node.asText().split("[a-z]+")).map(BigDecimal::new)
                    .forEach(number -> numbers.add(NumericLiterals.canonical(number)));
        } else {
            node.elements().forEachRemaining(child -> collect(child, numbers));
        }
    }
}
