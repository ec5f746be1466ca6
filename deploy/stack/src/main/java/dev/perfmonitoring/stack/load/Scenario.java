package dev.perfmonitoring.stack.load;

/**
 * One scenario of the Person load test: a k6 scenario of the scenario file.
 *
 * @param name     the k6 scenario name (the key in the file)
 * @param request  what one iteration sends; its name is the k6 {@code tags.name} of the request
 * @param executor how iterations are scheduled
 */
record Scenario(String name, PersonRequest request, ExecutorConfig executor) {

    Scenario scaled(Scaling scaling) {
        return new Scenario(name, request, executor.scaled(scaling));
    }
}
