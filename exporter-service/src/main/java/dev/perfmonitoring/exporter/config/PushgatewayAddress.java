package dev.perfmonitoring.exporter.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the Pushgateway listens, split the way the Prometheus client's Pushgateway exporter wants it: a scheme and an
 * address {@code host[:port][/path-prefix]}.
 *
 * @param scheme  {@code http} or {@code https}
 * @param address host, optional port and optional path prefix, without a trailing slash
 */
public record PushgatewayAddress(String scheme, String address) {

    /**
     * Parses {@code PUSH_GATEWAY_URL}: {@code http://host:9091}, {@code http://host:9091/}, {@code https://host/prefix/}
     * or, as the original Go client accepted, {@code host:9091} without a scheme.
     */
    public static PushgatewayAddress parse(String url) {
        String withScheme = url.contains("://") ? url.trim() : "http://" + url.trim();
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("PUSH_GATEWAY_URL is not a URL: " + url, e);
        }
        String scheme = uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("PUSH_GATEWAY_URL must be http or https: " + url);
        }
        if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("PUSH_GATEWAY_URL must be scheme://host[:port][/path]: " + url);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        return new PushgatewayAddress(scheme, uri.getHost() + port + path);
    }

    /** {@code scheme://address}, without a trailing slash. */
    public String baseUrl() {
        return scheme + "://" + address;
    }
}
