package dev.replyflow.bench;

import java.lang.management.ManagementFactory;

/**
 * What the JVM spent over a phase, all threads: CPU time (less drift than wall time on a shared machine) and the JIT
 * compilers' time (JVM-wide; the two engines' phases never overlap), which tells a run still compiling from a slow one.
 */
record Usage(double cpuSeconds, double jitSeconds) implements java.io.Serializable {

    static final Usage NONE = new Usage(Double.NaN, Double.NaN);

    static Usage now() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        var jit = ManagementFactory.getCompilationMXBean();
        double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        return new Usage(cpu, timed ? jit.getTotalCompilationTime() / 1e3 : Double.NaN);
    }

    Usage plus(Usage other) {
        return new Usage(cpuSeconds + other.cpuSeconds, jitSeconds + other.jitSeconds);
    }

    /** What was spent from {@code start} until now. */
    static Usage since(Usage start) {
        Usage now = now();
        return new Usage(now.cpuSeconds - start.cpuSeconds, now.jitSeconds - start.jitSeconds);
    }
}
