package dev.seal4j.engine.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What the benchmarks measure besides time: medians, heap allocation by the engine's threads, memory peaks. */
public final class Measure {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Measure() {
    }

    /** The median of the values (the mean of the middle two for an even count). */
    public static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Ids of the calling thread and of the engine's worker threads (those that run {@code Parallel} loops). */
    static long[] engineThreads() {
        long self = Thread.currentThread().threadId();
        long[] workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("seal4j-worker-")).mapToLong(Thread::threadId).toArray();
        long[] ids = Arrays.copyOf(workers, workers.length + 1);
        ids[workers.length] = self;
        return ids;
    }

    /** Heap bytes allocated so far by the given threads (HotSpot's per-thread allocation counters). */
    static long allocatedBytes(long[] threadIds) {
        long sum = 0;
        for (long b : THREADS.getThreadAllocatedBytes(threadIds)) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    /** Peak resident set size of this process (VmHWM in /proc/self/status), or -1 where there is none. */
    public static long peakRssBytes() {
        long kb = statusKilobytes("VmHWM:");
        return kb < 0 ? -1 : kb * 1024;
    }

    private static long statusKilobytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The largest Java heap use seen so far: the sum of every heap pool's peak usage. */
    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Java heap in use now. */
    public static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
