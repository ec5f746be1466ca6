package dev.perfmonitoring.stack.load;

/**
 * What an executor did with its iterations.
 *
 * @param started iterations that began on a VU
 * @param dropped iterations that did not begin: no VU free at their start (arrival rate), or left when the executor's
 *                time was over (shared iterations); k6's {@code dropped_iterations}
 */
record IterationCounts(long started, long dropped) {
}
