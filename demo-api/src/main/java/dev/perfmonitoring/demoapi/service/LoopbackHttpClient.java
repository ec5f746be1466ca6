package dev.perfmonitoring.demoapi.service;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The warm-up's HTTP client: one keep-alive connection over loopback, requests shaped like the load tools' (see
 * {@link Shape}), answers read by their Content-Length (no body for a 204). Deliberately small: every method a client
 * runs competes with the application's own for the JIT compiler while the warm-up lasts (the JDK's HttpClient doubled
 * the warm-up's length here).
 */
final class LoopbackHttpClient implements Closeable {

    /**
     * How load tools' requests differ in what the HTTP decoder and content negotiation see. Code compiled for only one
     * of them is thrown away when another arrives (ab's HTTP/1.0 requests did exactly that after the warm-up).
     */
    enum Shape {
        /** HTTP/1.1 without Accept or User-Agent, as wrk sends. */
        PLAIN("HTTP/1.1", ""),
        /** HTTP/1.1 with a User-Agent, asking for JSON, as many clients send. */
        JSON("HTTP/1.1", "User-Agent: demo-api-warm-up\r\nAccept: application/json\r\n"),
        /** HTTP/1.0 keeping the connection alive, as ab -k sends. */
        HTTP_1_0_KEEP_ALIVE("HTTP/1.0", "Connection: Keep-Alive\r\nUser-Agent: demo-api-warm-up\r\nAccept: */*\r\n");

        private final String version;
        private final String headers;

        Shape(String version, String headers) {
            this.version = version;
            this.headers = headers;
        }
    }

    private final String host;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    LoopbackHttpClient(String host, int port, Duration timeout) throws IOException {
        this.host = host + ":" + port;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** Sends one request and returns the answer's body, whatever its status. */
    String exchange(Shape shape, String method, String path, String warmUpToken, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(200).append(method).append(' ').append(path).append(' ')
                .append(shape.version).append("\r\nHost: ").append(host).append("\r\n").append(shape.headers)
                .append(WarmUp.HEADER).append(": ").append(warmUpToken).append("\r\n");
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
        return new String(in.readNBytes(contentLength()), StandardCharsets.UTF_8);
    }

    /** Reads the status line and headers; the answer's Content-Length (every answer of this API with a body has one). */
    private int contentLength() throws IOException {
        String status = readLine();
        int length = status.startsWith(" 204 ", status.indexOf(' ')) ? 0 : -1;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        if (length < 0) {
            throw new IOException("an answer without Content-Length: " + status);
        }
        return length;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new EOFException("the connection closed");
            }
            if (next != '\r') {
                line.write(next);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
