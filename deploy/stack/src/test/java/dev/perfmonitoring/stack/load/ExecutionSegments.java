package dev.perfmonitoring.stack.load;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How k6 splits whole numbers among the segments of an execution segment sequence (a distributed run: the k6-operator
 * gives runner n of N the segment (n-1)/N:n/N of the sequence 0,1/N,...,1), rewritten from k6 2.2.0's
 * {@code lib/execution_segment.go}: the striping of {@code NewExecutionSegmentSequenceWrapper} (each segment takes its
 * numerator's share of every LCD consecutive elements, the largest segments first, spread as far apart as possible),
 * {@code ScaleInt64} (a segment's share of a value: the elements below the value it owns; the shares add up to the
 * value exactly) and {@code GetNewExecutionSegmentSequenceFromValue} (a new sequence whose segments are the shares of
 * a value, empty ones left out). k6's executors use them so: shared-iterations gives a segment
 * {@code ScaleInt64(vus)} VUs and the iterations split by the sequence made from the VUs; constant-arrival-rate
 * gives it {@code ScaleInt64(maxVUs)} (and preAllocatedVUs) VUs and the rate times its segment's length in the sequence
 * made from maxVUs; a segment whose share of the VUs is 0 has no work in that scenario ({@code HasWork}).
 */
final class ExecutionSegments {

    /** A segment's length as a fraction in lowest terms. */
    record Length(long numerator, long denominator) {

        static Length of(long numerator, long denominator) {
            long gcd = BigInteger.valueOf(numerator).gcd(BigInteger.valueOf(denominator)).longValueExact();
            return new Length(numerator / gcd, denominator / gcd);
        }

        double value() {
            return (double) numerator / denominator;
        }
    }

    private final List<Length> lengths;
    private final long lcd;
    private final List<List<Long>> offsets;

    /** A full sequence of segments with these lengths, in order. */
    ExecutionSegments(List<Length> lengths) {
        this.lengths = List.copyOf(lengths);
        long common = 1;
        for (Length length : lengths) {
            common = lcm(common, length.denominator());
        }
        this.lcd = common;
        int count = lengths.size();
        long[] normalized = new long[count];
        List<List<Long>> striped = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            normalized[i] = lengths.get(i).numerator() * (lcd / lengths.get(i).denominator());
            striped.add(new ArrayList<>());
        }
        // sort.SliceStable by normalized numerator, largest first
        List<Integer> sorted = IntStream.range(0, count).boxed()
                .sorted(Comparator.comparingLong((Integer index) -> normalized[index]).reversed()).toList();
        long[] previous = new long[count];
        long[] chosen = new long[count];
        for (long element = 0; element < lcd; element++) {
            for (int position = 0; position < count; position++) {
                int index = sorted.get(position);
                long numerator = chosen[position] * lcd;
                long denominator = normalized[index];
                if (element > numerator / denominator || (element == numerator / denominator
                        && numerator % denominator == 0)) {
                    chosen[position]++;
                    List<Long> own = striped.get(index);
                    own.add(element - previous[index]);
                    previous[index] = element;
                    if (own.size() == denominator) {
                        own.add(own.get(0) + lcd - element);
                    }
                    break;
                }
            }
        }
        this.offsets = striped;
    }

    /** The sequence 0,1/N,...,1 that the k6-operator gives N runners. */
    static ExecutionSegments equal(int parts) {
        return new ExecutionSegments(IntStream.range(0, parts).mapToObj(part -> Length.of(1, parts)).toList());
    }

    long lcd() {
        return lcd;
    }

    /** The striped offsets of a segment: its first element, then the distances to its next ones (GetStripedOffsets). */
    List<Long> stripedOffsets(int segment) {
        return List.copyOf(offsets.get(segment));
    }

    /** Segment {@code segment}'s share of {@code value} (ScaleInt64). */
    long scale(int segment, long value) {
        if (lengths.size() == 1) {
            return value;
        }
        List<Long> own = offsets.get(segment);
        long start = own.get(0);
        List<Long> steps = own.subList(1, own.size());
        long result = (value / lcd) * steps.size();
        int step = 0;
        for (long element = start; element < value % lcd; element += steps.get(step++)) {
            result++;
        }
        return result;
    }

    /** Every segment's share of {@code value}, in order. */
    List<Long> split(long value) {
        return IntStream.range(0, lengths.size()).mapToObj(segment -> scale(segment, value)).toList();
    }

    /**
     * The sequence made from {@code value} (GetNewExecutionSegmentSequenceFromValue): for each segment with a share of
     * it, in order, a segment of length share/value; {@code null} in the list for a segment without a share.
     */
    List<Length> lengthsFromValue(long value) {
        return split(value).stream().map(share -> share == 0 ? null : Length.of(share, value)).toList();
    }

    /** The same, as a sequence whose segment {@code i} belongs to the i-th segment with a share of {@code value}. */
    ExecutionSegments fromValue(long value) {
        if (value % lcd == 0) {
            return this;
        }
        return new ExecutionSegments(lengthsFromValue(value).stream().filter(length -> length != null).toList());
    }

    /** Index in {@link #fromValue} of segment {@code segment}, or -1 when it has no share of {@code value}. */
    int indexFromValue(int segment, long value) {
        if (value % lcd == 0) {
            return segment;
        }
        List<Length> fromValue = lengthsFromValue(value);
        if (fromValue.get(segment) == null) {
            return -1;
        }
        return (int) fromValue.subList(0, segment).stream().filter(length -> length != null).count();
    }

    /** The sequence's string as k6 writes it (ExecutionSegmentSequence.String): 0,7/20,7/10,1. */
    @Override
    public String toString() {
        List<String> bounds = new ArrayList<>(List.of("0"));
        long numerator = 0;
        long denominator = 1;
        for (Length length : lengths) {
            numerator = numerator * length.denominator() + length.numerator() * denominator;
            denominator = denominator * length.denominator();
            Length bound = Length.of(numerator, denominator);
            numerator = bound.numerator();
            denominator = bound.denominator();
            bounds.add(denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator);
        }
        return String.join(",", bounds);
    }

    private static long lcm(long a, long b) {
        return a / BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)).longValueExact() * b;
    }
}
