package dev.replyflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the JVM spent over a phase, all threads: CPU time (less drift than wall time on a shared machine) and the JIT
 * compilers' time (JVM-wide; the two engines' phases never overlap), which tells a run still compiling from a slow one;
 * and the whole machine's busy CPU time (Linux' /proc/stat: the JVM, the database server on the same machine, anything
 * else), which tells a phase bound by the machine's cores from one bound by waits.
 */
record Usage(double cpuSeconds, double jitSeconds, double machineSeconds) implements java.io.Serializable {

    static final Usage NONE = new Usage(Double.NaN, Double.NaN, Double.NaN);
    static final Usage ZERO = new Usage(0, 0, 0);
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Linux' USER_HZ, the unit of /proc/stat: 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100;

    static Usage now() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        var jit = ManagementFactory.getCompilationMXBean();
        double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        return new Usage(cpu, timed ? jit.getTotalCompilationTime() / 1e3 : Double.NaN, machineBusySeconds());
    }

    Usage plus(Usage other) {
        return new Usage(cpuSeconds + other.cpuSeconds, jitSeconds + other.jitSeconds, machineSeconds + other.machineSeconds);
    }

    /**
     * All cores' busy time since boot: the first line of /proc/stat, user, nice, system, irq and softirq (not idle,
     * iowait, or steal, the time the hypervisor gave to others); NaN elsewhere.
     */
    static double machineBusySeconds() {
        try (var lines = Files.lines(PROC_STAT)) {
            String[] cpu = lines.findFirst().orElse("").trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal
            if (cpu.length < 8 || !cpu[0].equals("cpu")) {
                return Double.NaN;
            }
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(cpu[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** What was spent from {@code start} until now. */
    static Usage since(Usage start) {
        return now().plus(start.times(-1));
    }

    private Usage times(double factor) {
        return new Usage(cpuSeconds * factor, jitSeconds * factor, machineSeconds * factor);
    }

    /**
     * Waits (at most 60 s) until the machine has been nearly idle, under a tenth of its cores busy, for a second: what
     * one engine's phase leaves behind (its JIT compiling, the database's autovacuum) is then not measured in the
     * other's next phase.
     */
    static void awaitQuiet() {
        long t0 = System.nanoTime();
        double cores = Runtime.getRuntime().availableProcessors();
        double last = machineBusySeconds();
        while (!Double.isNaN(last) && System.nanoTime() - t0 < 60_000_000_000L) {
            Phases.sleep(1000);
            double now = machineBusySeconds();
            if (now - last < 0.1 * cores) {
                break;
            }
            last = now;
        }
    }
}
