package dev.perfmonitoring.stack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A k6 script's init code run in a real JavaScript engine (GraalJS), unmodified, as k6 runs it before the test: the
 * script is loaded as an ES module, with k6's init-context globals stubbed: {@code __ENV} (the given variables) and
 * {@code open(path)} (the file's text, the path relative to the script's directory as k6 resolves it; every path
 * opened is remembered), and its imports {@code k6}, {@code k6/http} and {@code k6/execution} resolved to stand-ins
 * that record requests instead of sending them and give the test's options as {@code exec.test.options}, which throw
 * in the init context as k6's do ({@code src/test/resources/k6-stubs/}).
 */
final class K6Script implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Engine ENGINE = Engine.newBuilder("js")
            .option("engine.WarnInterpreterOnly", "false")
            .build();

    private final Context context;
    private final Value exports;
    private final List<Path> opened;
    private Value lastResult;

    private K6Script(Context context, Value exports, List<Path> opened) {
        this.context = context;
        this.exports = exports;
        this.opened = opened;
    }

    /** Runs the init code of {@code script} with these environment variables ({@code -e NAME=value}). */
    static K6Script load(Path script, Map<String, String> environment) throws IOException {
        Path directory = script.toAbsolutePath().getParent();
        List<Path> opened = new ArrayList<>();
        Context context = Context.newBuilder("js")
                .engine(ENGINE)
                .allowIO(IOAccess.newBuilder().fileSystem(new K6ModuleFileSystem(Map.of(
                        "k6", stub("k6.mjs"), "k6/http", stub("k6-http.mjs"),
                        "k6/execution", stub("k6-execution.mjs")))).build())
                .build();
        Value globals = context.getBindings("js");
        globals.putMember("__ENV", ProxyObject.fromMap(new HashMap<>(environment)));
        context.eval("js", "globalThis.k6InitContext = true;"
                + " globalThis.k6TestOptions = {executionSegment: null, executionSegmentSequence: null};");
        globals.putMember("open", (ProxyExecutable) arguments -> {
            Path file = directory.resolve(arguments[0].asString()).normalize();
            opened.add(file);
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String driver = "import * as script from " + JSON.writeValueAsString(script.toAbsolutePath().toString())
                + ";\nglobalThis.k6Script = script;\n";
        context.eval(Source.newBuilder("js", driver, "init-context.mjs").mimeType("application/javascript+module")
                .build());
        context.eval("js", "globalThis.k6InitContext = false;");
        return new K6Script(context, globals.getMember("k6Script"), opened);
    }

    /** An exported value ({@code options}, for example) as JSON, as k6 reads it. */
    JsonNode exported(String name) throws IOException {
        return JSON.readTree(context.eval("js", "JSON.stringify").execute(exports.getMember(name)).asString());
    }

    /** Calls an exported function (one iteration of a scenario's {@code exec}); the requests it made. */
    JsonNode call(String function) throws IOException {
        return callWith(function);
    }

    /** Calls an exported function with one argument given as JSON (k6's summary data, for example). */
    JsonNode call(String function, String jsonArgument) throws IOException {
        return callWith(function, context.eval("js", "JSON.parse").execute(jsonArgument));
    }

    /** What the last called function returned, as JSON ({@code null} for undefined or null). */
    JsonNode lastResult() throws IOException {
        if (lastResult == null || lastResult.isNull()) {
            return NullNode.getInstance();
        }
        return JSON.readTree(context.eval("js", "JSON.stringify").execute(lastResult).asString());
    }

    private JsonNode callWith(String function, Object... arguments) throws IOException {
        context.eval("js", "globalThis.k6Requests.length = 0");
        Value exported = exports.getMember(function);
        if (exported == null || !exported.canExecute()) {
            throw new IllegalArgumentException("the script exports no function " + function);
        }
        lastResult = exported.execute(arguments);
        return JSON.readTree(context.eval("js", "JSON.stringify(globalThis.k6Requests)").asString());
    }

    /**
     * k6's consolidated options as {@code exec.test.options} gives them from now on, as JSON; k6 writes an execution
     * segment and its sequence as {@code "1/3:2/3"} and {@code "0,1/3,2/3,1"} ({@code lib/execution_segment.go}).
     */
    void testOptions(String json) {
        context.getBindings("js").putMember("k6TestOptionsJson", json);
        context.eval("js", "globalThis.k6TestOptions = JSON.parse(globalThis.k6TestOptionsJson)");
    }

    /** From now on {@code Math.random()} returns {@code value}. */
    void fixRandom(double value) {
        context.eval("js", "Math.random = () => " + value);
    }

    /** The files the init code opened, in order. */
    List<Path> opened() {
        return List.copyOf(opened);
    }

    @Override
    public void close() {
        context.close();
    }

    private static Path stub(String name) {
        try {
            return Path.of(K6Script.class.getResource("/k6-stubs/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
