package dev.perfmonitoring.verification.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule groups of a Prometheus rule file and which of them read what another records. Prometheus evaluates the
 * rules of one group in order, at one instant, but the groups independently of each other: a rule reading another
 * group's record sees either this evaluation's value or the previous one's (in a real Prometheus, by the groups'
 * offsets; in {@code promtool test rules}, by Go's map order, at random). A rule test that passes in every order of
 * the groups that read each other cannot depend on that.
 */
final class RuleGroupOrders {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A PromQL metric name, also inside an annotation's {@code query} template. */
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final List<String> groups;
    private final Map<String, Set<String>> reads;

    private RuleGroupOrders(List<String> groups, Map<String, Set<String>> reads) {
        this.groups = groups;
        this.reads = reads;
    }

    static RuleGroupOrders of(String ruleFileYaml) {
        JsonNode file;
        try {
            file = YAML.readTree(ruleFileYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> recordedBy = new TreeMap<>();
        List<String> groups = new ArrayList<>();
        for (JsonNode group : file.path("groups")) {
            String name = group.path("name").asText();
            groups.add(name);
            group.path("rules").forEach(rule -> {
                if (rule.has("record")) {
                    recordedBy.put(rule.path("record").asText(), name);
                }
            });
        }
        Map<String, Set<String>> reads = new LinkedHashMap<>();
        for (JsonNode group : file.path("groups")) {
            String name = group.path("name").asText();
            Set<String> producers = new TreeSet<>();
            for (JsonNode rule : group.path("rules")) {
                StringBuilder text = new StringBuilder(rule.path("expr").asText());
                rule.path("annotations").forEach(annotation -> text.append('\n').append(annotation.asText()));
                Matcher names = METRIC_NAME.matcher(text);
                while (names.find()) {
                    String producer = recordedBy.get(names.group());
                    if (producer != null && !producer.equals(name)) {
                        producers.add(producer);
                    }
                }
            }
            reads.put(name, producers);
        }
        return new RuleGroupOrders(List.copyOf(groups), reads);
    }

    /** Every group's name, in the file's order. */
    List<String> groups() {
        return groups;
    }

    /** The groups whose records {@code group} reads (not counting its own). */
    Set<String> groupsReadBy(String group) {
        return reads.getOrDefault(group, Set.of());
    }

    /**
     * Every order of the groups that read another group's records or are read by one, each followed by the other
     * groups in the file's order: the evaluation orders that can change what a rule sees. The first is the file's
     * order; a file without such groups has that one order.
     */
    List<List<String>> everyOrderThatMatters() {
        Set<String> linked = new LinkedHashSet<>();
        for (String group : groups) {
            if (!groupsReadBy(group).isEmpty()) {
                linked.add(group);
                linked.addAll(groupsReadBy(group));
            }
        }
        List<String> linkedInFileOrder = groups.stream().filter(linked::contains).toList();
        List<String> others = groups.stream().filter(group -> !linked.contains(group)).toList();
        List<List<String>> orders = new ArrayList<>();
        for (List<String> permutation : permutations(linkedInFileOrder)) {
            List<String> order = new ArrayList<>(permutation);
            order.addAll(others);
            orders.add(List.copyOf(order));
        }
        return orders;
    }

    private static List<List<String>> permutations(List<String> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<String>> result = new ArrayList<>();
        for (int first = 0; first < items.size(); first++) {
            List<String> rest = new ArrayList<>(items);
            String head = rest.remove(first);
            for (List<String> tail : permutations(rest)) {
                List<String> permutation = new ArrayList<>();
                permutation.add(head);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
