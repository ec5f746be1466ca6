package dev.perfmonitoring.stack.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The encoder writes the field numbers and wire types of Prometheus's {@code prompb} messages ({@code remote.proto},
 * {@code types.proto}): read back field by field with protobuf's generic parser, which knows no schema.
 */
class WriteRequestEncoderTest {

    @Test
    void writesLabelsSortedAndAFloatSampleAsPrompbTimeSeries() throws IOException {
        byte[] bytes = WriteRequestEncoder.encode(List.of(TimeSeries.of(
                new TreeMap<>(Map.of("testid", "t-1", "__name__", "k6_http_reqs_total")), new Sample(42, 1700000000123L))));

        UnknownFieldSet request = UnknownFieldSet.parseFrom(bytes);
        assertThat(request.asMap()).containsOnlyKeys(1);
        UnknownFieldSet series = message(request.getField(1).getLengthDelimitedList().get(0));
        List<ByteString> labels = series.getField(1).getLengthDelimitedList();
        assertThat(labels).hasSize(2);
        assertThat(message(labels.get(0)).getField(1).getLengthDelimitedList().get(0).toStringUtf8()).isEqualTo("__name__");
        assertThat(message(labels.get(0)).getField(2).getLengthDelimitedList().get(0).toStringUtf8())
                .isEqualTo("k6_http_reqs_total");
        assertThat(message(labels.get(1)).getField(1).getLengthDelimitedList().get(0).toStringUtf8()).isEqualTo("testid");
        UnknownFieldSet sample = message(series.getField(2).getLengthDelimitedList().get(0));
        assertThat(Double.longBitsToDouble(sample.getField(1).getFixed64List().get(0))).isEqualTo(42.0);
        assertThat(sample.getField(2).getVarintList()).containsExactly(1700000000123L);
    }

    @Test
    void leavesZeroScalarsOutButKeepsTheStaleMarkersBits() throws IOException {
        byte[] zero = WriteRequestEncoder.encode(List.of(TimeSeries.of(new TreeMap<>(Map.of("__name__", "x")),
                new Sample(0, 5))));
        byte[] stale = WriteRequestEncoder.encode(List.of(TimeSeries.of(new TreeMap<>(Map.of("__name__", "x")),
                Sample.staleMarker(5))));

        UnknownFieldSet zeroSample = message(message(UnknownFieldSet.parseFrom(zero).getField(1)
                .getLengthDelimitedList().get(0)).getField(2).getLengthDelimitedList().get(0));
        UnknownFieldSet staleSample = message(message(UnknownFieldSet.parseFrom(stale).getField(1)
                .getLengthDelimitedList().get(0)).getField(2).getLengthDelimitedList().get(0));
        assertThat(zeroSample.hasField(1)).as("value 0 is proto3's default and not written").isFalse();
        assertThat(staleSample.getField(1).getFixed64List()).containsExactly(0x7ff0000000000002L);
    }

    @Test
    void writesANativeHistogramWithIntegerCountsZigZagSchemaAndPackedDeltas() throws IOException {
        HistogramSample histogram = new HistogramSample(13, 2.5, 3, Math.pow(2, -128), 0,
                List.of(new BucketSpan(-18, 2), new BucketSpan(3, 1)), List.of(5L, -3L, 7L), 99);
        byte[] bytes = WriteRequestEncoder.encode(List.of(TimeSeries.of(new TreeMap<>(Map.of("__name__", "h")),
                histogram)));

        UnknownFieldSet series = message(UnknownFieldSet.parseFrom(bytes).getField(1).getLengthDelimitedList().get(0));
        assertThat(series.hasField(2)).as("no float samples").isFalse();
        UnknownFieldSet proto = message(series.getField(4).getLengthDelimitedList().get(0));
        assertThat(proto.getField(1).getVarintList()).as("count_int").containsExactly(13L);
        assertThat(Double.longBitsToDouble(proto.getField(3).getFixed64List().get(0))).as("sum").isEqualTo(2.5);
        assertThat(proto.getField(4).getVarintList()).as("schema, zigzag").containsExactly(6L);
        assertThat(Double.longBitsToDouble(proto.getField(5).getFixed64List().get(0))).as("zero_threshold")
                .isEqualTo(Math.pow(2, -128));
        assertThat(proto.getField(6).getVarintList()).as("zero_count_int 0 is written: a oneof member")
                .containsExactly(0L);
        List<ByteString> spans = proto.getField(11).getLengthDelimitedList();
        assertThat(spans).hasSize(2);
        assertThat(CodedInputStream.decodeZigZag32((int) (long) message(spans.get(0)).getField(1).getVarintList().get(0)))
                .isEqualTo(-18);
        assertThat(message(spans.get(0)).getField(2).getVarintList()).containsExactly(2L);
        assertThat(packedSInt64(proto.getField(12).getLengthDelimitedList().get(0))).containsExactly(5L, -3L, 7L);
        assertThat(proto.getField(15).getVarintList()).as("timestamp").containsExactly(99L);
        assertThat(proto.hasField(14)).as("reset hint UNKNOWN, as k6 leaves it").isFalse();
    }

    private static UnknownFieldSet message(ByteString bytes) throws InvalidProtocolBufferException {
        return UnknownFieldSet.parseFrom(bytes);
    }

    private static List<Long> packedSInt64(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        List<Long> values = new ArrayList<>();
        while (!in.isAtEnd()) {
            values.add(in.readSInt64());
        }
        return values;
    }
}
