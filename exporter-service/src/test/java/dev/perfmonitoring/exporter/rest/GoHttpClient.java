package dev.perfmonitoring.exporter.rest;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests written byte for byte as Go's {@code net/http} client writes them for {@code http.Get(url)} and
 * {@code http.Post(url, "application/json", body)}, which is how the concurrency controller talks to the exporter.
 * The request target is sent as given ({@code //pushMetrics} stays doubled), unlike HTTP clients that normalize it.
 */
final class GoHttpClient {

    /** The answer to one request; header names in lower case. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private GoHttpClient() {
    }

    static Answer get(String target) {
        return exchange("GET " + target + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + RestAssured.port + "\r\n"
                + "User-Agent: Go-http-client/1.1\r\n"
                + "Accept-Encoding: gzip\r\n"
                + "\r\n");
    }

    static Answer post(String target, String json) {
        return exchange("POST " + target + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + RestAssured.port + "\r\n"
                + "User-Agent: Go-http-client/1.1\r\n"
                + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept-Encoding: gzip\r\n"
                + "\r\n"
                + json);
    }

    /** Any request, for bad-input corpora: the method, request target, content type and body exactly as given. */
    static Answer send(String method, String target, String contentType, String body) {
        String request = method + " " + target + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + RestAssured.port + "\r\n"
                + (body.isEmpty() ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "\r\n"
                + body;
        return exchange(request);
    }

    private static Answer exchange(String request) {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new HashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            byte[] body = request.startsWith("HEAD ") ? new byte[0] : "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                    ? chunked(in)
                    : in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        line(in);
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new IOException("connection closed in the middle of a line: " + line);
            }
            if (next != '\r') {
                line.write(next);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
