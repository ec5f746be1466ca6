package dev.perfmonitoring.stack.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who holds a TCP port: a bind attempt on the loopback address says whether the port is free, and Linux's
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6} (the listening socket's inode) and {@code /proc/<pid>/fd} (which
 * process holds that socket) say which process listens on it, when this user may see it.
 */
public final class PortOwner {

    private static final String LISTEN = "0A";

    private PortOwner() {
    }

    /**
     * Fails when {@code port} cannot be bound on 127.0.0.1.
     *
     * @param what   the server that wants it, e.g. {@code prometheus}
     * @param remedy what the user can do instead, e.g. {@code choose another port with PROMETHEUS_PORT=<port>}
     * @throws ServerStartException naming the port and, when it can be found, the process listening on it
     */
    public static void requireFree(int port, String what, String remedy) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException taken) {
            String owner = describe(port).map(process -> " by " + process).orElse("");
            throw new ServerStartException("port " + port + " for " + what + " is already in use" + owner
                    + ": stop that process or " + remedy);
        }
    }

    /** The process listening on {@code port}, as {@code pid 123 (command line)}, when /proc shows it. */
    public static Optional<String> describe(int port) {
        return listeningInode(port).flatMap(PortOwner::processHolding).map(pid -> "pid " + pid + " ("
                + commandLine(pid) + ")");
    }

    private static Optional<String> listeningInode(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                Optional<String> inode = lines.skip(1)
                        .map(line -> line.trim().split("\\s+"))
                        .filter(fields -> fields.length > 9 && fields[1].endsWith(hexPort) && LISTEN.equals(fields[3]))
                        .map(fields -> fields[9])
                        .findFirst();
                if (inode.isPresent()) {
                    return inode;
                }
            } catch (IOException | RuntimeException unreadable) {
                // not Linux, or /proc hidden: the caller reports the port without its owner
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> processHolding(String inode) {
        String socket = "socket:[" + inode + "]";
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(dir -> holds(dir, socket))
                    .map(dir -> Long.parseLong(dir.getFileName().toString()))
                    .findFirst();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean holds(Path process, String socket) {
        try (Stream<Path> descriptors = Files.list(process.resolve("fd"))) {
            return descriptors.anyMatch(fd -> {
                try {
                    return socket.equals(Files.readSymbolicLink(fd).toString());
                } catch (IOException | UnsupportedOperationException gone) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException notOurs) {
            return false;
        }
    }

    private static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String command = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return command.length() > 120 ? command.substring(0, 117) + "..." : command;
        } catch (IOException e) {
            return "command line unreadable";
        }
    }
}
