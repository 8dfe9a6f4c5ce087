package dev.replyflow.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The table: each figure for Replyflow and bare Camunda, and Replyflow ÷ bare; then the checks. */
final class Figures {

    private final BenchOptions options;
    private final EngineRun replyflow;
    private final EngineRun bare;
    private final List<EngineRun> replyflowRounds;
    private final List<EngineRun> bareRounds;

    /** Each engine's rounds (one or more), pooled for the table. */
    Figures(BenchOptions options, List<EngineRun> replyflowRounds, List<EngineRun> bareRounds) {
        this.options = options;
        this.replyflowRounds = replyflowRounds;
        this.bareRounds = bareRounds;
        this.replyflow = replyflowRounds.isEmpty() ? new EngineRun("replyflow") : EngineRun.pool(replyflowRounds);
        this.bare = bareRounds.isEmpty() ? new EngineRun("bare") : EngineRun.pool(bareRounds);
    }

    List<String> failures() {
        List<String> failures = new ArrayList<>();
        replyflow.failures.forEach(f -> failures.add("replyflow: " + f));
        bare.failures.forEach(f -> failures.add("bare: " + f));
        return failures;
    }

    void print(PrintStream out) {
        out.println();
        out.println("== Replyflow benchmark: " + options + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version"));
        out.println("   replyflow: " + replyflow.settings);
        out.println("   bare:      " + bare.settings);
        out.println();
        out.printf("%-44s %12s %12s %10s%n", "figure", "replyflow", "bare", "ratio");
        row(out, "core loop, contacts/s (end to end)", EngineRun::coreLoopPerSecond, true);
        row(out, "replies until moved on, /s", EngineRun::movedOnPerSecond, true);
        row(out, "timers drained, /s", EngineRun::timersPerSecond, true);
        row(out, "reply deliveries answered, /s", EngineRun::deliveriesPerSecond, true);
        row(out, "CPU ms per contact, core loop", r -> r.perContact(Usage::cpuSeconds), true);
        row(out, "CPU ms per reply until moved on", r -> r.perReply(Usage::cpuSeconds), true);
        row(out, "CPU ms per timer drained", r -> r.perTimer(Usage::cpuSeconds), true);
        row(out, "machine CPU ms per contact (JVM + database)", r -> r.perContact(Usage::machineSeconds), true);
        row(out, "machine CPU ms per reply until moved on", r -> r.perReply(Usage::machineSeconds), true);
        row(out, "machine CPU ms per timer drained", r -> r.perTimer(Usage::machineSeconds), true);
        row(out, "machine busy, %: core loop", r -> EngineRun.busyPercent(r.core, r.coreSeconds), false);
        row(out, "machine busy, %: replies", r -> EngineRun.busyPercent(r.movedOn, r.movedOnSeconds), false);
        row(out, "machine busy, %: timers", r -> EngineRun.busyPercent(r.timersUsed, r.timersSeconds), false);
        row(out, "JIT compiling, s: core loop", r -> r.core.jitSeconds(), false);
        row(out, "JIT compiling, s: replies", r -> r.movedOn.jitSeconds(), false);
        row(out, "JIT compiling, s: timers", r -> r.timersUsed.jitSeconds(), false);
        row(out, "start p50, ms", r -> percentile(r.starts, 50), false);
        row(out, "start p99, ms", r -> percentile(r.starts, 99), false);
        row(out, "reply p50 until 200, ms", r -> percentile(r.replies, 50), false);
        row(out, "reply p99 until 200, ms", r -> percentile(r.replies, 99), false);
        row(out, "core loop, s", r -> r.coreSeconds, false);
        row(out, "replies until moved on, s", r -> r.movedOnSeconds, false);
        row(out, "timers, s", r -> r.timersSeconds, false);
        row(out, "heap used max, MB", r -> r.maxHeapBytes == 0 ? Double.NaN : r.maxHeapBytes / 1048576.0, false);
        row(out, "non-2xx starts / failed calls", r -> r.starts == null ? Double.NaN : r.starts.non2xx(), false);
        row(out, "5xx (or no answer), starts + replies", r -> r.starts == null ? Double.NaN
                : r.starts.serverErrors() + (r.replies == null ? 0 : r.replies.serverErrors()), false);
        out.println("(bare Camunda's \"starts\" and \"replies\" are Java API calls: RuntimeService start and message correlation;");
        out.println(" CPU is the whole JVM's, the load clients' included: on a shared machine it drifts less than wall time;");
        out.println(" machine CPU is every process's, a local database server's included: with the machine ~100 % busy,");
        out.println(" each throughput ratio is about the inverse of its machine CPU ratio)");
        for (int i = 0; i < Math.min(replyflowRounds.size(), bareRounds.size()) && replyflowRounds.size() > 1; i++) {
            EngineRun r = replyflowRounds.get(i);
            EngineRun b = bareRounds.get(i);
            out.printf("round %d, Replyflow ÷ bare: core loop %s, replies until moved on %s, timers %s%n", i + 1,
                    format(r.coreLoopPerSecond() / b.coreLoopPerSecond(), "%.2f×"),
                    format(r.movedOnPerSecond() / b.movedOnPerSecond(), "%.2f×"),
                    format(r.timersPerSecond() / b.timersPerSecond(), "%.2f×"));
            out.printf("   s, Replyflow / bare (JIT compiling, s): core loop %s, replies %s, timers %s%n",
                    detail(r.coreSeconds, b.coreSeconds, r.core, b.core), detail(r.movedOnSeconds, b.movedOnSeconds, r.movedOn, b.movedOn),
                    detail(r.timersSeconds, b.timersSeconds, r.timersUsed, b.timersUsed));
        }
        out.println();
        for (EngineRun run : List.of(replyflow, bare)) {
            run.notes.forEach(n -> out.println("   " + run.name + ": " + n));
        }
        List<String> failures = failures();
        out.println();
        if (failures.isEmpty()) {
            out.println("CHECKS PASSED: zero incidents, zero duplicate or lost sends, every contact on the right path, zero 5xx");
        } else {
            out.println("FAILED:");
            failures.forEach(f -> out.println(" - " + f));
        }
    }

    private void row(PrintStream out, String figure, ToDoubleFunction<EngineRun> value, boolean ratio) {
        double r = value.applyAsDouble(replyflow);
        double b = value.applyAsDouble(bare);
        out.printf("%-44s %12s %12s %10s%n", figure, format(r), format(b), ratio ? format(r / b, "%.2f×") : "");
    }

    private static String detail(double r, double b, Usage ru, Usage bu) {
        return format(r, "%.1f") + " / " + format(b, "%.1f") + " (" + format(ru.jitSeconds(), "%.1f") + " / "
                + format(bu.jitSeconds(), "%.1f") + ")";
    }

    private static double percentile(LoadClients.Result result, double p) {
        return result == null ? Double.NaN : result.latencies().percentileMillis(p);
    }

    private static String format(double value) {
        return format(value, value >= 100 ? "%.0f" : "%.1f");
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(pattern, value);
    }
}
