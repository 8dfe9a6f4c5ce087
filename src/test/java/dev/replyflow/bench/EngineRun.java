package dev.replyflow.bench;

import java.util.ArrayList;
import java.util.List;

/** What one engine (Replyflow or bare Camunda) did in the three phases; NaN where a phase did not run. */
final class EngineRun {

    final String name;
    String settings = "";
    LoadClients.Result starts;
    double coreSeconds = Double.NaN;
    LoadClients.Result replies;
    double movedOnSeconds = Double.NaN;
    long timers;
    double timersSeconds = Double.NaN;
    /** The JVM's CPU time over each phase, all threads: less drift than wall time on a shared machine. */
    double coreCpuSeconds = Double.NaN;
    double movedOnCpuSeconds = Double.NaN;
    double timersCpuSeconds = Double.NaN;
    /** Seconds the JIT compilers spent over each phase (JVM-wide; the phases of the two engines never overlap). */
    double coreJitSeconds = Double.NaN;
    double movedOnJitSeconds = Double.NaN;
    double timersJitSeconds = Double.NaN;
    long maxHeapBytes;
    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    EngineRun(String name) {
        this.name = name;
    }

    double coreLoopPerSecond() {
        return starts == null ? Double.NaN : starts.ok() / coreSeconds;
    }

    double deliveriesPerSecond() {
        return replies == null ? Double.NaN : replies.perSecond();
    }

    double movedOnPerSecond() {
        return replies == null ? Double.NaN : replies.ok() / movedOnSeconds;
    }

    double timersPerSecond() {
        return timers / timersSeconds;
    }

    double coreCpuMillisEach() {
        return starts == null ? Double.NaN : 1000 * coreCpuSeconds / starts.ok();
    }

    double movedOnCpuMillisEach() {
        return replies == null ? Double.NaN : 1000 * movedOnCpuSeconds / replies.ok();
    }

    double timersCpuMillisEach() {
        return 1000 * timersCpuSeconds / timers;
    }
}
