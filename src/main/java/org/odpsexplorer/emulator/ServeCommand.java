package org.odpsexplorer.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * {@code serve}: runs the emulator as a standalone server until Ctrl+C.
 *
 * <pre>
 * serve [--host 127.0.0.1] [--port 8080] [--data DIR] [--project NAME]... [--access-id ID --access-key KEY]
 *       [--sts-token TOKEN]... [--demo] [--no-skew-check] [--help]
 * </pre>
 *
 * <p>Binding an address other than loopback with the built-in key pair is refused (exit code 2): that pair is public,
 * so anyone who can reach the port could read and overwrite everything.
 *
 * <p>Prints exactly one line {@code ODPS Explorer emulator listening on http://HOST:PORT/api} first (scripts and the
 * crash test wait for it), then the projects and the credentials it accepts.
 */
public final class ServeCommand {
    static final String USAGE = """
            Usage: serve [options]
              --host HOST          address to bind (default 127.0.0.1, loopback only)
              --port PORT          port to bind, 0 picks a free one (default 8080)
              --data DIR           data directory (default $XDG_DATA_HOME/odps-explorer/emulator
                                   or ~/.local/share/odps-explorer/emulator)
              --project NAME       project to serve, repeatable (default demo)
              --access-id ID       AccessKeyId to accept (with --access-key; default odps-explorer)
              --access-key KEY     its AccessKeySecret (default odps-explorer-secret)
                                   required with a --host other than loopback
              --sts-token TOKEN    STS security token to accept next to a signature, repeatable
                                   (requests with any other token are refused)
              --demo               fill an empty project with demo resources and a function
              --no-skew-check      accept requests whose Date is more than 15 minutes off
              --help               show this text
            """;

    private ServeCommand() {
    }

    /** Runs {@link #run} and exits with its code; used by {@code java -cp ... ServeCommand} (the crash test). */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns the process exit code: 0 after a clean stop, 1 on failure, 2 on bad arguments. */
    public static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("serve: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        if (options == null) {
            System.out.print(USAGE);
            return 0;
        }
        // Jetty's start-up chatter would bury the banner; only its warnings matter to a user of serve
        if (System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        }
        EmulatorConfig config = options.config();
        EmulatorServer server;
        try {
            server = EmulatorServer.start(config);
        } catch (IOException | RuntimeException e) {
            System.err.println("serve: cannot start: " + e.getMessage());
            return 1;
        }
        printBanner(System.out, server, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    private static void printBanner(PrintStream out, EmulatorServer server, Options options) {
        out.println("ODPS Explorer emulator listening on " + server.url());
        EmulatorConfig config = server.config();
        out.println("  projects:  " + String.join(", ", config.projects()));
        out.println("  data:      " + config.dataDir().toAbsolutePath());
        String accessId = config.accessKeys().keySet().iterator().next();
        if (options.accessId == null) {
            // the built-in pair is public knowledge; printing it lets a new user connect right away
            out.println("  access id: " + accessId + "  key: " + EmulatorConfig.DEFAULT_ACCESS_KEY + " (built-in default)");
        } else {
            out.println("  access id: " + accessId + "  key: as given with --access-key (not shown)");
        }
        out.println("  clock skew check: " + (config.clockSkewCheck() ? "on (15 min)" : "off"));
        out.flush();
    }

    /** Whether {@code host} names only loopback addresses (an unresolvable name counts as not loopback). */
    static boolean isLoopbackHost(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            java.net.InetAddress[] all = java.net.InetAddress.getAllByName(h);
            for (java.net.InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Parsed command line; null from {@link #parse} means {@code --help}. */
    private static final class Options {
        private final EmulatorConfig.Builder builder = EmulatorConfig.builder()
                .port(EmulatorConfig.DEFAULT_PORT).clockSkewCheck(true);
        private @Nullable String accessId;
        private @Nullable String accessKey;

        static @Nullable Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> {
                        return null;
                    }
                    case "--host" -> o.builder.host(value(args, ++i, a));
                    case "--port" -> o.builder.port(port(value(args, ++i, a)));
                    case "--data" -> o.builder.dataDir(Path.of(value(args, ++i, a)));
                    case "--project" -> o.builder.project(projectName(value(args, ++i, a)));
                    case "--access-id" -> o.accessId = value(args, ++i, a);
                    case "--access-key" -> o.accessKey = value(args, ++i, a);
                    case "--sts-token" -> o.builder.stsToken(value(args, ++i, a));
                    case "--demo" -> o.builder.demo(true);
                    case "--no-skew-check" -> o.builder.clockSkewCheck(false);
                    default -> throw new IllegalArgumentException("unknown argument: " + a);
                }
            }
            if ((o.accessId == null) != (o.accessKey == null)) {
                throw new IllegalArgumentException("--access-id and --access-key go together");
            }
            if (o.accessId != null && o.accessKey != null) {
                o.builder.accessKey(o.accessId, o.accessKey);
            }
            EmulatorConfig config = o.builder.build();
            if (o.accessId == null && !isLoopbackHost(config.host())) {
                throw new IllegalArgumentException("refusing to bind " + config.host() + " with the built-in key pair:"
                        + " it is public, so anyone who reaches this address could read and change every project;"
                        + " give your own --access-id and --access-key, or bind a loopback address");
            }
            return o;
        }

        EmulatorConfig config() {
            return builder.build();
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int port(String text) {
            try {
                int p = Integer.parseInt(text);
                if (p >= 0 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--port must be 0..65535: " + text);
        }

        private static String projectName(String name) {
            if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,127}")) {
                throw new IllegalArgumentException("project names are a letter then letters, digits, _: " + name);
            }
            return name;
        }
    }
}
