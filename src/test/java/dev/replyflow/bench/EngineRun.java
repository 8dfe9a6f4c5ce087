package dev.replyflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

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

    /**
     * Several rounds of one engine as one run: units and seconds added, so each rate is all units over all the time
     * they took, each CPU figure all the CPU over all units, each percentile over all calls.
     */
    static EngineRun pool(List<EngineRun> rounds) {
        if (rounds.size() == 1) {
            return rounds.get(0);
        }
        EngineRun all = new EngineRun(rounds.get(0).name);
        all.settings = rounds.get(0).settings;
        all.coreSeconds = 0;
        all.movedOnSeconds = 0;
        all.timersSeconds = 0;
        all.core = all.movedOn = all.timersUsed = Usage.ZERO;
        for (int i = 0; i < rounds.size(); i++) {
            EngineRun round = rounds.get(i);
            all.coreSeconds += round.coreSeconds;
            all.movedOnSeconds += round.movedOnSeconds;
            all.timers += round.timers;
            all.timersSeconds += round.timersSeconds;
            all.core = all.core.plus(round.core);
            all.movedOn = all.movedOn.plus(round.movedOn);
            all.timersUsed = all.timersUsed.plus(round.timersUsed);
            all.maxHeapBytes = Math.max(all.maxHeapBytes, round.maxHeapBytes);
            String prefix = "round " + (i + 1) + ": ";
            round.failures.forEach(f -> all.failures.add(prefix + f));
            round.notes.forEach(n -> all.notes.add(prefix + n));
        }
        all.starts = rounds.stream().anyMatch(r -> r.starts == null) ? null
                : LoadClients.Result.pool(rounds.stream().map(r -> r.starts).toList());
        all.replies = rounds.stream().anyMatch(r -> r.replies == null) ? null
                : LoadClients.Result.pool(rounds.stream().map(r -> r.replies).toList());
        return all;
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

    /** Milliseconds of {@code spent} (the JVM's CPU, the machine's) per contact of the core loop. */
    double perContact(ToDoubleFunction<Usage> spent) {
        return starts == null ? Double.NaN : 1000 * spent.applyAsDouble(core) / starts.ok();
    }

    /** The same per reply until its automation moved on. */
    double perReply(ToDoubleFunction<Usage> spent) {
        return replies == null ? Double.NaN : 1000 * spent.applyAsDouble(movedOn) / replies.ok();
    }

    /** The same per timer drained. */
    double perTimer(ToDoubleFunction<Usage> spent) {
        return 1000 * spent.applyAsDouble(timersUsed) / timers;
    }

    /** The machine's busy share of its cores over a phase, %. */
    static double busyPercent(Usage used, double seconds) {
        return 100 * used.machineSeconds() / (seconds * Runtime.getRuntime().availableProcessors());
    }
}
