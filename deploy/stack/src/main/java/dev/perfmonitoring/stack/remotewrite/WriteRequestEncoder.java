package dev.perfmonitoring.stack.remotewrite;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a Prometheus remote-write request ({@code prompb.WriteRequest}, remote-write 1.0) in the protobuf wire format,
 * field by field, with the field numbers of Prometheus's {@code prompb/remote.proto} and {@code prompb/types.proto}.
 * Like Go's {@code proto.Marshal} of the generated types: fields in field-number order, proto3 scalars left out when
 * they hold their zero value, the set member of a {@code oneof} always written (so {@code zero_count_int} 0 is sent),
 * repeated numbers packed. No code generation: the messages are few and small.
 */
public final class WriteRequestEncoder {

    // WriteRequest
    private static final int WRITE_REQUEST_TIMESERIES = 1;
    // TimeSeries
    private static final int TIMESERIES_LABELS = 1;
    private static final int TIMESERIES_SAMPLES = 2;
    private static final int TIMESERIES_HISTOGRAMS = 4;
    // Label
    private static final int LABEL_NAME = 1;
    private static final int LABEL_VALUE = 2;
    // Sample
    private static final int SAMPLE_VALUE = 1;
    private static final int SAMPLE_TIMESTAMP = 2;
    // Histogram
    private static final int HISTOGRAM_COUNT_INT = 1;
    private static final int HISTOGRAM_SUM = 3;
    private static final int HISTOGRAM_SCHEMA = 4;
    private static final int HISTOGRAM_ZERO_THRESHOLD = 5;
    private static final int HISTOGRAM_ZERO_COUNT_INT = 6;
    private static final int HISTOGRAM_POSITIVE_SPANS = 11;
    private static final int HISTOGRAM_POSITIVE_DELTAS = 12;
    private static final int HISTOGRAM_TIMESTAMP = 15;
    // BucketSpan
    private static final int SPAN_OFFSET = 1;
    private static final int SPAN_LENGTH = 2;

    private WriteRequestEncoder() {
    }

    /** The uncompressed protobuf bytes of a write request holding these series. */
    public static byte[] encode(List<TimeSeries> series) {
        return message(out -> {
            for (TimeSeries one : series) {
                out.writeByteArray(WRITE_REQUEST_TIMESERIES, timeSeries(one));
            }
        });
    }

    private static byte[] timeSeries(TimeSeries series) {
        return message(out -> {
            for (Map.Entry<String, String> label : series.labels().entrySet()) {
                out.writeByteArray(TIMESERIES_LABELS, message(labelOut -> {
                    writeString(labelOut, LABEL_NAME, label.getKey());
                    writeString(labelOut, LABEL_VALUE, label.getValue());
                }));
            }
            for (Sample sample : series.samples()) {
                out.writeByteArray(TIMESERIES_SAMPLES, message(sampleOut -> {
                    writeDouble(sampleOut, SAMPLE_VALUE, sample.value());
                    writeInt64(sampleOut, SAMPLE_TIMESTAMP, sample.timestampMillis());
                }));
            }
            for (HistogramSample histogram : series.histograms()) {
                out.writeByteArray(TIMESERIES_HISTOGRAMS, histogram(histogram));
            }
        });
    }

    private static byte[] histogram(HistogramSample histogram) {
        return message(out -> {
            out.writeUInt64(HISTOGRAM_COUNT_INT, histogram.count());
            writeDouble(out, HISTOGRAM_SUM, histogram.sum());
            if (histogram.schema() != 0) {
                out.writeSInt32(HISTOGRAM_SCHEMA, histogram.schema());
            }
            writeDouble(out, HISTOGRAM_ZERO_THRESHOLD, histogram.zeroThreshold());
            out.writeUInt64(HISTOGRAM_ZERO_COUNT_INT, histogram.zeroCount());
            for (BucketSpan span : histogram.positiveSpans()) {
                out.writeByteArray(HISTOGRAM_POSITIVE_SPANS, message(spanOut -> {
                    if (span.offset() != 0) {
                        spanOut.writeSInt32(SPAN_OFFSET, span.offset());
                    }
                    if (span.length() != 0) {
                        spanOut.writeUInt32(SPAN_LENGTH, span.length());
                    }
                }));
            }
            if (!histogram.positiveDeltas().isEmpty()) {
                int size = 0;
                for (long delta : histogram.positiveDeltas()) {
                    size += CodedOutputStream.computeSInt64SizeNoTag(delta);
                }
                out.writeTag(HISTOGRAM_POSITIVE_DELTAS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(size);
                for (long delta : histogram.positiveDeltas()) {
                    out.writeSInt64NoTag(delta);
                }
            }
            writeInt64(out, HISTOGRAM_TIMESTAMP, histogram.timestampMillis());
        });
    }

    private static void writeString(CodedOutputStream out, int field, String value) throws IOException {
        if (!value.isEmpty()) {
            out.writeString(field, value);
        }
    }

    private static void writeDouble(CodedOutputStream out, int field, double value) throws IOException {
        if (Double.doubleToRawLongBits(value) != 0) {
            out.writeDouble(field, value);
        }
    }

    private static void writeInt64(CodedOutputStream out, int field, long value) throws IOException {
        if (value != 0) {
            out.writeInt64(field, value);
        }
    }

    private static byte[] message(MessageWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            writer.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface MessageWriter {
        void write(CodedOutputStream out) throws IOException;
    }
}
