package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator in its own JVM, started with {@code ServeCommand.main} on the test classpath (access id {@code ak},
 * key {@code sk}, project {@code p1}, skew check off). {@link #kill()} is a real SIGKILL. Its stderr is appended to
 * {@code emulator-stderr.log} next to the data directory.
 */
record ServeProcess(Process process, int port) {
    private static final Pattern BANNER =
            Pattern.compile("ODPS Explorer emulator listening on http://127\\.0\\.0\\.1:(\\d+)/api");

    /** Starts the server with the given max heap ({@code -Xmx}) and waits for its banner line. */
    static ServeProcess start(Path dataDir, String maxHeap) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                ServeCommand.class.getName(), "--port", "0", "--data", dataDir.toString(), "--project", "p1",
                "--access-id", "ak", "--access-key", "sk", "--no-skew-check");
        pb.redirectError(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("emulator-stderr.log").toFile()));
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("emulator exited before listening (exit " + p.exitValue() + ")");
        }
        Matcher m = BANNER.matcher(first);
        assertThat(m.matches()).as("first line: %s", first).isTrue();
        // keep draining stdout so the child never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException e) {
                // the pipe closes when the child dies
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new ServeProcess(p, Integer.parseInt(m.group(1)));
    }

    SignedClient client() {
        return new SignedClient(port, "ak", "sk");
    }

    /** SIGKILL, then wait for the process to be gone. */
    void kill() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
