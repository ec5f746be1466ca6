package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnownPersonsTest {

    @Test
    void takeRandomReturnsEveryIdExactlyOnce() {
        KnownPersons persons = new KnownPersons();
        for (long id = 1; id <= 100; id++) {
            persons.add(id);
        }
        Set<Long> taken = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            taken.add(persons.takeRandom().orElseThrow());
        }

        assertThat(taken).hasSize(100);
        assertThat(persons.size()).isZero();
        assertThat(persons.takeRandom()).isEqualTo(OptionalLong.empty());
        assertThat(persons.random()).isEqualTo(OptionalLong.empty());
    }
}
