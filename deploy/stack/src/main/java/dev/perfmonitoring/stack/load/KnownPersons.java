package dev.perfmonitoring.stack.load;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/** The ids this run created and has not deleted, for the scenarios that pick a random person. */
final class KnownPersons {

    private final List<Long> ids = new ArrayList<>();

    synchronized void add(long id) {
        ids.add(id);
    }

    synchronized OptionalLong random() {
        if (ids.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
    }

    /** Removes and returns a random id (swap with the last element: O(1)). */
    synchronized OptionalLong takeRandom() {
        if (ids.isEmpty()) {
            return OptionalLong.empty();
        }
        int index = ThreadLocalRandom.current().nextInt(ids.size());
        long id = ids.get(index);
        ids.set(index, ids.get(ids.size() - 1));
        ids.remove(ids.size() - 1);
        return OptionalLong.of(id);
    }

    synchronized int size() {
        return ids.size();
    }
}
