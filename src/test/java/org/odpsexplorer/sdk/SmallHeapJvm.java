package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Both sides of the tests that prove a client's memory stays bounded: {@link #run} starts a client's {@code main} in a
 * child JVM with a small heap and this run's class path; the client calls {@link #printPeakHeap()} at its end.
 */
public final class SmallHeapJvm {
    private SmallHeapJvm() {
    }

    /**
     * Runs {@code mainClass} in a child JVM with {@code heapOption} (e.g. {@code -Xmx64m}) and waits for it (five
     * minutes at most), echoes its output (stdout and stderr) prefixed {@code child: }, and asserts it exited 0.
     *
     * @return the child's output lines
     */
    public static List<String> run(String heapOption, Class<?> mainClass, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, heapOption, "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var reader = child.inputReader(StandardCharsets.UTF_8)) {
            reader.lines().forEach(lines::add);
        }
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        lines.forEach(line -> System.out.println("child: " + line));
        assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    /** In the child: prints {@code peakHeap <bytes> max <bytes>}, the peak use summed over the heap pools. */
    public static void printPeakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("peakHeap " + peak + " max " + Runtime.getRuntime().maxMemory());
    }
}
