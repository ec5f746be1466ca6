package dev.perfmonitoring.verification.images;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * A {@code .dockerignore}, read as Docker reads it: patterns in order, {@code !} re-includes, the last pattern that
 * matches a path or one of its parent directories decides, {@code *} stays within one path segment.
 */
record DockerIgnore(List<String> patterns) {

    static DockerIgnore read(Path file) {
        try {
            return new DockerIgnore(Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Whether the file at this path (relative to the build context, '/'-separated) is sent to the builder. */
    boolean admits(String relativePath) {
        boolean excluded = false;
        for (String pattern : patterns) {
            boolean reinclude = pattern.startsWith("!");
            String glob = stripLeadingSlash(reinclude ? pattern.substring(1) : pattern);
            if (matchesPathOrParent(glob, relativePath)) {
                excluded = !reinclude;
            }
        }
        return !excluded;
    }

    private static boolean matchesPathOrParent(String glob, String relativePath) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        for (Path path = Path.of(relativePath); path != null; path = path.getParent()) {
            if (matcher.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static String stripLeadingSlash(String pattern) {
        return pattern.startsWith("/") ? pattern.substring(1) : pattern;
    }
}
