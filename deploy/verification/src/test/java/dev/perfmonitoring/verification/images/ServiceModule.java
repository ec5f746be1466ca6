package dev.perfmonitoring.verification.images;

import dev.perfmonitoring.stack.RepositoryRoot;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A Quarkus service module of the reactor (one whose pom declares the quarkus-maven-plugin), with what its images
 * depend on: its Maven coordinates, HTTP port and build output.
 */
record ServiceModule(String name, Path directory, String artifactId, String version, int httpPort) {

    static List<ServiceModule> all() {
        Path root = RepositoryRoot.path();
        List<ServiceModule> services = new ArrayList<>();
        for (String module : childTexts(parse(root.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            Path directory = root.resolve(module);
            Element pom = parse(directory.resolve("pom.xml")).getDocumentElement();
            if (!pluginArtifactIds(pom).contains("quarkus-maven-plugin")) {
                continue;
            }
            String version = childText(pom, "version");
            if (version == null) {
                version = childText(child(pom, "parent"), "version");
            }
            services.add(new ServiceModule(module, directory, childText(pom, "artifactId"), version,
                    httpPort(directory.resolve("src/main/resources/application.properties"))));
        }
        return services;
    }

    /** The name the native build gives the executable, which the native Dockerfiles copy. */
    String runnerName() {
        return artifactId + "-" + version + "-runner";
    }

    Path target() {
        return directory.resolve("target");
    }

    Path dockerfile(String flavor) {
        return directory.resolve("src/main/docker/Dockerfile." + flavor);
    }

    /** {@code target/quarkus-app}, which the reactor builds before deploy's tests run. */
    Path packagedApplication() {
        Path application = target().resolve("quarkus-app");
        if (!Files.isRegularFile(application.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(application + " holds no packaged application: build " + name
                    + " first (./deploy/test.sh, or ./mvnw -B verify, builds it before deploy/)");
        }
        return application;
    }

    @Override
    public String toString() {
        return name;
    }

    private static int httpPort(Path properties) {
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            values.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String port = values.getProperty("quarkus.http.port");
        if (port == null) {
            throw new IllegalStateException(properties + " sets no quarkus.http.port");
        }
        return Integer.parseInt(port.strip());
    }

    private static List<String> pluginArtifactIds(Element pom) {
        return children(child(child(pom, "build"), "plugins"), "plugin").stream()
                .map(plugin -> childText(plugin, "artifactId"))
                .toList();
    }

    private static List<String> childTexts(Element parent, String container, String element) {
        return children(child(parent, container), element).stream().map(e -> e.getTextContent().strip()).toList();
    }

    private static String childText(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent().strip();
    }

    private static Element child(Element parent, String name) {
        List<Element> children = children(parent, name);
        return children.isEmpty() ? null : children.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        if (parent == null) {
            return children;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }

    private static Document parse(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }
}
