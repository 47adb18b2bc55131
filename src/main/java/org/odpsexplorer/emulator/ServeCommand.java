package org.odpsexplorer.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code serve}: runs the emulator as a standalone server until Ctrl+C. Options are parsed by picocli, which also
 * gives {@code --help}, {@code --version} and usage errors (exit code 2 with the usage text on standard error).
 *
 * <p>Binding an address other than loopback with the built-in key pair is refused (exit code 2): that pair is public,
 * so anyone who can reach the port could read and overwrite everything.
 *
 * <p>Prints exactly one line {@code ODPS Explorer emulator listening on http://HOST:PORT/api} first (scripts and the
 * crash test wait for it), then the projects and the credentials it accepts.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = ServeCommand.Version.class,
        description = "Runs the ODPS Explorer emulator, a MaxCompute-compatible server, until Ctrl+C.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "address to bind (default ${DEFAULT-VALUE}, loopback only; any other address needs"
                    + " --access-id and --access-key)")
    private String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + EmulatorConfig.DEFAULT_PORT,
            description = "port to bind, 0 picks a free one (default ${DEFAULT-VALUE})")
    private int port = EmulatorConfig.DEFAULT_PORT;

    @Option(names = "--data", paramLabel = "DIR",
            description = "data directory (default $XDG_DATA_HOME/odps-explorer/emulator or "
                    + "~/.local/share/odps-explorer/emulator)")
    private @Nullable Path data;

    @Option(names = "--project", paramLabel = "NAME",
            description = "project to serve, repeatable (default " + EmulatorConfig.DEFAULT_PROJECT + ")")
    private List<String> projects = new ArrayList<>();

    @ArgGroup(exclusive = false)
    private @Nullable AccessKey accessKey;

    @Option(names = "--sts-token", paramLabel = "TOKEN",
            description = "STS security token to accept next to a signature, repeatable (requests carrying any other"
                    + " token are refused)")
    private List<String> stsTokens = new ArrayList<>();

    @Option(names = "--demo", description = "fill an empty project with demo resources, a function and a table")
    private boolean demo;

    @Option(names = "--no-skew-check", description = "accept requests whose Date is more than 15 minutes off")
    private boolean noSkewCheck;

    @Spec
    private @Nullable CommandSpec spec;

    /** {@code --access-id} and {@code --access-key} come together or not at all. */
    static final class AccessKey {
        @Option(names = "--access-id", paramLabel = "ID", required = true,
                description = "AccessKeyId to accept (default " + EmulatorConfig.DEFAULT_ACCESS_ID + ")")
        @Nullable String id;

        @Option(names = "--access-key", paramLabel = "KEY", required = true,
                description = "its AccessKeySecret (default " + EmulatorConfig.DEFAULT_ACCESS_KEY + ")")
        @Nullable String key;
    }

    private ServeCommand() {
    }

    /** Runs {@link #run} and exits with its code; used by {@code java -cp ... ServeCommand} (the crash test). */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns the process exit code: 0 after a clean stop or help, 1 on failure, 2 on bad arguments. */
    public static int run(String[] args) {
        CommandLine cli = new CommandLine(new ServeCommand());
        cli.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        EmulatorConfig config = config();
        // Jetty's start-up chatter would bury the banner; only its warnings matter to a user of serve
        if (System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        }
        EmulatorServer server;
        try {
            server = EmulatorServer.start(config);
        } catch (IOException | RuntimeException e) {
            System.err.println("serve: cannot start: " + e.getMessage());
            return 1;
        }
        printBanner(System.out, server, accessKey != null);
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

    /** The server configuration the options describe; a value out of range is a usage error (exit code 2). */
    private EmulatorConfig config() {
        if (port < 0 || port > 65535) {
            throw usageError("--port must be 0..65535: " + port);
        }
        EmulatorConfig.Builder builder = EmulatorConfig.builder().host(host).port(port).clockSkewCheck(!noSkewCheck)
                .demo(demo);
        if (data != null) {
            builder.dataDir(data);
        }
        for (String project : projects) {
            if (!project.matches("[A-Za-z][A-Za-z0-9_]{0,127}")) {
                throw usageError("project names are a letter then letters, digits, _: " + project);
            }
            builder.project(project);
        }
        AccessKey key = accessKey;
        boolean keyGiven = false;
        if (key != null && key.id != null && key.key != null) {
            builder.accessKey(key.id, key.key);
            keyGiven = true;
        }
        stsTokens.forEach(builder::stsToken);
        if (!keyGiven && !isLoopbackHost(host)) {
            throw usageError("refusing to bind " + host + " with the built-in key pair: it is public, so anyone who"
                    + " reaches this address could read and change every project; give your own --access-id and"
                    + " --access-key, or bind a loopback address");
        }
        return builder.build();
    }

    /** Whether {@code host} names only loopback addresses (an unresolvable name counts as not loopback). */
    static boolean isLoopbackHost(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] all = InetAddress.getAllByName(h);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private ParameterException usageError(String message) {
        CommandSpec s = spec;
        if (s == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return new ParameterException(s.commandLine(), message);
    }

    private static void printBanner(PrintStream out, EmulatorServer server, boolean keyGiven) {
        out.println("ODPS Explorer emulator listening on " + server.url());
        EmulatorConfig config = server.config();
        out.println("  projects:  " + String.join(", ", config.projects()));
        out.println("  data:      " + config.dataDir().toAbsolutePath());
        String accessId = config.accessKeys().keySet().iterator().next();
        if (!keyGiven) {
            // the built-in pair is public knowledge; printing it lets a new user connect right away
            out.println("  access id: " + accessId + "  key: " + EmulatorConfig.DEFAULT_ACCESS_KEY + " (built-in default)");
        } else {
            out.println("  access id: " + accessId + "  key: as given with --access-key (not shown)");
        }
        out.println("  clock skew check: " + (config.clockSkewCheck() ? "on (15 min)" : "off"));
        out.flush();
    }

    /** {@code --version}: the jar's implementation version (set by the build), or "development" from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ServeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"ODPS Explorer emulator " + (v != null ? v : "(development build)")};
        }
    }
}
