package dev.perfmonitoring.stack.load;

import java.util.List;

/**
 * The scenarios of one run, scaled, with what their requests pick from.
 *
 * @param scenarios    the scaled scenarios, in the file's order
 * @param ids          the ids get, update and delete pick from
 * @param listPageSize the {@code limit} of a list request
 */
record ScenarioPlan(List<Scenario> scenarios, IdRange ids, long listPageSize) {

    ScenarioPlan {
        scenarios = List.copyOf(scenarios);
    }
}
