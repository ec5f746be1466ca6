package dev.perfmonitoring.verification.k6;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/**
 * k6's remote-write client ({@code WriteClient.Store} and {@code newWriteRequestBody} in k6 2.2.0's
 * {@code internal/output/prometheusrw/remote/client.go}): {@code proto.Marshal} of a {@code prompb.WriteRequest}
 * holding the series, {@code snappy.Encode} (block format), POST with {@code User-Agent: k6-prometheus-rw-output},
 * {@code Content-Encoding: snappy}, {@code Content-Type: application/x-protobuf},
 * {@code X-Prometheus-Remote-Write-Version: 0.1.0}, 5 s timeout; a status outside 2xx is an error. The protobuf is
 * written here field by field with the numbers of Prometheus's {@code prompb/remote.proto} and {@code types.proto}
 * (WriteRequest.timeseries 1; TimeSeries labels 1, samples 2, histograms 4; Label name 1, value 2; Sample value 1,
 * timestamp 2; Histogram count_int 1, sum 3, schema 4 (sint32), zero_threshold 5, zero_count_int 6, positive_spans 11,
 * positive_deltas 12 (packed sint64), timestamp 15; BucketSpan offset 1 (sint32), length 2), proto3 zero values left
 * out as Go's marshaller does and oneof members always written.
 */
final class K6RemoteWriteClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI url;

    K6RemoteWriteClient(URI url) {
        this.url = url;
    }

    /** Sends the series; the response status (k6 treats anything outside 2xx as a failed flush). */
    int store(List<K6Output.Series> series) throws IOException, InterruptedException {
        byte[] body = Snappy.compress(message(out -> {
            for (K6Output.Series one : series) {
                out.writeByteArray(1, timeSeries(one));
            }
        }));
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(5))
                .header("User-Agent", "k6-prometheus-rw-output")
                .header("Content-Encoding", "snappy")
                .header("Content-Type", "application/x-protobuf")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("remote write answered " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    private static byte[] timeSeries(K6Output.Series series) {
        return message(out -> {
            for (Map.Entry<String, String> label : series.labels().entrySet()) {
                out.writeByteArray(1, message(l -> {
                    l.writeString(1, label.getKey());
                    l.writeString(2, label.getValue());
                }));
            }
            for (double[] sample : series.samples()) {
                out.writeByteArray(2, message(s -> {
                    if (Double.doubleToRawLongBits(sample[0]) != 0) {
                        s.writeDouble(1, sample[0]);
                    }
                    s.writeInt64(2, (long) sample[1]);
                }));
            }
            for (GoNativeHistogram.Proto histogram : series.histograms()) {
                out.writeByteArray(4, histogram(histogram));
            }
        });
    }

    private static byte[] histogram(GoNativeHistogram.Proto h) {
        return message(out -> {
            out.writeUInt64(1, h.count());
            if (h.sum() != 0) {
                out.writeDouble(3, h.sum());
            }
            out.writeSInt32(4, h.schema());
            out.writeDouble(5, h.zeroThreshold());
            out.writeUInt64(6, h.zeroCount());
            for (int[] span : h.positiveSpans()) {
                out.writeByteArray(11, message(s -> {
                    if (span[0] != 0) {
                        s.writeSInt32(1, span[0]);
                    }
                    s.writeUInt32(2, span[1]);
                }));
            }
            if (!h.positiveDeltas().isEmpty()) {
                ByteArrayOutputStream packed = new ByteArrayOutputStream();
                CodedOutputStream deltas = CodedOutputStream.newInstance(packed);
                for (long delta : h.positiveDeltas()) {
                    deltas.writeSInt64NoTag(delta);
                }
                deltas.flush();
                out.writeTag(12, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeByteArrayNoTag(packed.toByteArray());
            }
            out.writeInt64(15, h.timestamp());
        });
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
