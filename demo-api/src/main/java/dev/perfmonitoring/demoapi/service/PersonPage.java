package dev.perfmonitoring.demoapi.service;

import java.util.List;

/** One page of the person list in id order, with the number of persons stored. */
public record PersonPage(int total, int start, int limit, List<Person> persons) {
}
