package dev.perfmonitoring.verification.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The instructions of a Dockerfile (continuation lines joined, comments dropped) and its header comment. Enough of
 * the format for the Dockerfiles this repository writes: shell-form COPY, one instruction per logical line.
 */
record Dockerfile(Path path, String header, List<Instruction> instructions) {

    record Instruction(String keyword, String arguments) {
    }

    /** A COPY instruction: its {@code --flag=value} options, its sources (relative to the build context), its destination. */
    record Copy(List<String> options, List<String> sources, String destination) {

        /** The uid of {@code --chown=uid[:group]}, or null without one. */
        String ownerUid() {
            return options.stream()
                    .filter(option -> option.startsWith("--chown="))
                    .map(option -> option.substring("--chown=".length()).split(":")[0])
                    .findFirst()
                    .orElse(null);
        }
    }

    static Dockerfile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
        StringBuilder header = new StringBuilder();
        int line = 0;
        while (line < lines.size() && lines.get(line).startsWith("#")) {
            header.append(lines.get(line).substring(1)).append('\n');
            line++;
        }
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (; line < lines.size(); line++) {
            String text = lines.get(line).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.endsWith("\\")) {
                logical.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            logical.append(text);
            String[] parts = logical.toString().strip().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            logical.setLength(0);
        }
        return new Dockerfile(path, header.toString(), List.copyOf(instructions));
    }

    List<String> arguments(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The arguments of the one instruction with this keyword; fails when there is none or more than one. */
    String single(String keyword) {
        List<String> arguments = arguments(keyword);
        if (arguments.size() != 1) {
            throw new AssertionError(path + " has " + arguments.size() + " " + keyword + " instructions, expected one");
        }
        return arguments.get(0);
    }

    List<Copy> copies() {
        return arguments("COPY").stream().map(arguments -> {
            if (arguments.startsWith("[")) {
                throw new AssertionError(path + ": exec-form COPY is not supported here: " + arguments);
            }
            List<String> tokens = Arrays.asList(arguments.split("\\s+"));
            List<String> options = tokens.stream().filter(token -> token.startsWith("--")).toList();
            List<String> paths = tokens.stream().filter(token -> !token.startsWith("--")).toList();
            return new Copy(options, paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1));
        }).toList();
    }
}
