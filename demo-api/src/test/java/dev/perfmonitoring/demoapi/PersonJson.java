package dev.perfmonitoring.demoapi;

/** Request bodies for tests. */
public final class PersonJson {

    private PersonJson() {
    }

    /** A valid person whose JSON is exactly {@code bytes} long (ASCII, padded in the address). */
    public static String ofSize(int bytes) {
        String prefix = "{\"first_name\": \"Grace\", \"last_name\": \"Hopper\", \"address\": \"";
        String suffix = "\"}";
        return prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
    }
}
