package dev.replyflow.bench;

import java.util.ArrayList;
import java.util.List;

/** What one engine (Replyflow or bare Camunda) did in the three phases; NaN where a phase did not run. */
final class EngineRun implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    final String name;
    String settings = "";
    LoadClients.Result starts;
    double coreSeconds = Double.NaN;
    LoadClients.Result replies;
    double movedOnSeconds = Double.NaN;
    long timers;
    double timersSeconds = Double.NaN;
    /** What the JVM spent over each phase. */
    Usage core = Usage.NONE;
    Usage movedOn = Usage.NONE;
    Usage timersUsed = Usage.NONE;
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
        return starts == null ? Double.NaN : 1000 * core.cpuSeconds() / starts.ok();
    }

    double movedOnCpuMillisEach() {
        return replies == null ? Double.NaN : 1000 * movedOn.cpuSeconds() / replies.ok();
    }

    double timersCpuMillisEach() {
        return 1000 * timersUsed.cpuSeconds() / timers;
    }
}
