package dev.replyflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * The three phases, measured the same way on every target: core loop, replies, timers; then the checks. A warm-up
 * runs them first on the same target with contacts of its own, all three phases, so that it leaves no instance
 * running; only the second run's figures count.
 */
final class Phases {

    /** The warm-up's contacts are numbered from here: their phones are never the measured contacts'. */
    static final int WARM_UP_FIRST = 8_000_000;

    private final BenchOptions options;
    private final int first;

    Phases(BenchOptions options) {
        this(options, 0);
    }

    private Phases(BenchOptions options, int first) {
        this.options = options;
        this.first = first;
    }

    /**
     * Runs {@code contacts} through all three phases on {@code target} (the JIT compiles this application's code,
     * Hibernate and Spring fill their caches), checks them, then has the target forget their sends.
     */
    static EngineRun warmUp(BenchOptions options, BenchTarget target, int contacts, int pass) {
        EngineRun warm = new EngineRun(target.name());
        new Phases(options.forWarmUp(contacts), WARM_UP_FIRST).round(pass).run(target, warm);
        target.forgetSends();
        return warm;
    }

    void run(BenchTarget target, EngineRun run) {
        core(target, run);
        replies(target, run);
        timers(target, run);
        check(target, run);
    }

    /** This round's contacts, numbered from {@code first}. */
    Phases round(int round) {
        return new Phases(options, first + round * options.contacts());
    }

    /** The core loop: every contact started, until each waits at Customer Response with its template sent. */
    void core(BenchTarget target, EngineRun run) {
        List<Integer> all = IntStream.range(first, first + options.contacts()).boxed().toList();
        run.settings = target.settings();
        log(target, "core loop: starting " + all.size() + " contacts from " + options.clients() + " clients");
        long t0 = System.nanoTime();
        Usage used0 = Usage.now();
        run.starts = LoadClients.run(all, options.clients(), 0, options.phaseTimeout(), target::start,
                line -> log(target, "starts: " + line));
        report(target, "starts", run.starts, run);
        Awaited core = await(target, "core loop: waiting at Customer Response", target::waiting, run.starts.ok(), t0, run);
        run.coreSeconds = core.seconds();
        run.core = Usage.since(used0);
        target.vacuum(); // not timed, as after each phase
    }

    /** Half of the started contacts reply (when the replies phase is on), until their automations moved on. */
    void replies(BenchTarget target, EngineRun run) {
        if (!options.runs("replies") || run.starts == null) {
            return;
        }
        List<Integer> repliers = run.starts.succeeded().stream().filter(BenchOptions::replies).sorted().toList();
        long before = target.atCustomerResponse();
        log(target, "replies: " + repliers.size() + " replies from " + options.clients() + " clients"
                + (options.replyRate() > 0 ? " at " + options.replyRate() + "/s" : ""));
        long r0 = System.nanoTime();
        Usage rused0 = Usage.now();
        run.replies = LoadClients.run(repliers, options.clients(), options.replyRate(), options.phaseTimeout(), target::reply,
                line -> log(target, "replies: " + line));
        report(target, "replies", run.replies, run);
        Awaited movedOn = await(target, "replies: moved on from Customer Response",
                () -> before - target.atCustomerResponse(), run.replies.succeeded().size(), r0, run);
        run.movedOnSeconds = movedOn.seconds();
        run.movedOn = Usage.since(rused0);
        target.vacuum();
    }

    /** The other half's No Response timers made due (when the timers phase is on), until all have moved on. */
    void timers(BenchTarget target, EngineRun run) {
        if (!options.runs("timers")) {
            return;
        }
        long due = target.atCustomerResponse();
        run.timers = due;
        log(target, "timers: " + due + " No Response timers made due (clock +25h)");
        long m0 = System.nanoTime();
        Usage mused0 = Usage.now();
        target.advanceClock(Duration.ofHours(25)); // from wherever an earlier run left it
        Awaited timers = await(target, "timers: moved on from Customer Response",
                () -> due - target.atCustomerResponse(), due, m0, run);
        run.timersSeconds = timers.seconds();
        run.timersUsed = Usage.since(mused0);
        target.vacuum();
    }

    private record Awaited(long reached, double seconds, boolean complete) {
    }

    /**
     * Polls every 200 ms until {@code progress} reaches {@code goal}; gives up at the phase timeout, when it has not
     * moved for the stall time, or when what is missing are dead jobs (failed, no retries left). Progress is counted on
     * the engine's runtime tables, which shrink as instances end (a count over history at every poll took a sixth of
     * the CPU of the timers phase it was measuring), and dead jobs only while it does not move; where each instance
     * ended is checked once, at the end.
     */
    private Awaited await(BenchTarget target, String what, LongSupplier progress, long goal, long since, EngineRun run) {
        long deadline = since + options.phaseTimeout().toNanos();
        long last = -1;
        long lastMove = System.nanoTime();
        long lastLog = lastMove;
        while (true) {
            long now = System.nanoTime();
            long reached = progress.getAsLong();
            if (reached >= goal) {
                double seconds = (System.nanoTime() - since) / 1e9;
                log(target, String.format("%s: %d in %.2f s", what, reached, seconds));
                return new Awaited(reached, seconds, true);
            }
            boolean moved = reached != last;
            if (moved) {
                last = reached;
                lastMove = now;
            }
            String stop = null;
            if (now > deadline) {
                stop = "phase timeout of " + options.phaseTimeout().toSeconds() + " s";
            } else if (now - lastMove > options.stall().toNanos()) {
                stop = "no progress for " + options.stall().toSeconds() + " s";
            } else if (!moved) { // dead jobs asked for only when progress stands still
                long dead = target.deadJobs();
                if (dead > 0 && reached + dead >= goal) {
                    stop = dead + " jobs failed for good";
                }
            }
            if (stop != null) {
                double seconds = (now - since) / 1e9;
                String failure = String.format("%s: only %d of %d after %.1f s (%s)", what, reached, goal, seconds, stop);
                log(target, failure);
                run.failures.add(failure);
                return new Awaited(reached, seconds, false);
            }
            if (now - lastLog > 10_000_000_000L) {
                lastLog = now;
                log(target, String.format("%s: %d of %d after %.0f s", what, reached, goal, (now - since) / 1e9));
            }
            sleep(200);
        }
    }

    private void report(BenchTarget target, String what, LoadClients.Result result, EngineRun run) {
        log(target, String.format("%s: %d of %d answered 2xx in %.2f s, statuses %s", what, result.ok(), result.attempted(),
                result.elapsedNanos() / 1e9, result.statuses()));
        if (result.timedOut()) {
            run.failures.add(what + ": not all sent within the phase timeout (" + result.attempted() + " of "
                    + (what.equals("starts") ? options.contacts() : "the repliers") + ")");
        }
        if (result.non2xx() > 0) {
            run.failures.add(what + ": " + result.non2xx() + " not answered 2xx " + result.statuses()
                    + (result.errorSamples().isEmpty() ? "" : " e.g. " + result.errorSamples()));
        }
    }

    /** Where every contact ended, and the target's own checks (duplicate sends, tags …): failures into {@code run}. */
    void check(BenchTarget target, EngineRun run) {
        List<Integer> started = run.starts == null ? List.of() : run.starts.succeeded();
        List<Integer> replied = run.replies == null ? List.of() : run.replies.succeeded();
        Expected expected = Expected.of(started, replied, options.runs("timers"));
        long incidents = target.incidents();
        if (incidents > 0) {
            run.failures.add(incidents + " incidents");
        }
        Map<String, String> ended = target.endEvents();
        List<String> wrong = new ArrayList<>();
        int wrongCount = 0;
        for (var e : expected.endEvents().entrySet()) {
            String phone = BenchOptions.phone(e.getKey());
            String actual = ended.get(phone);
            if (!java.util.Objects.equals(actual, e.getValue())) {
                wrongCount++;
                if (wrong.size() < 5) {
                    wrong.add(phone + " at " + (actual == null ? "(running)" : actual) + ", expected "
                            + (e.getValue() == null ? "(running)" : e.getValue()));
                }
            }
        }
        long extra = ended.keySet().stream().map(Phases::index)
                .filter(i -> i >= first && i < first + options.contacts() && !expected.endEvents().containsKey(i)).count();
        if (wrongCount > 0 || extra > 0) {
            run.failures.add(wrongCount + " contacts on the wrong path" + (extra > 0 ? ", " + extra + " unexpected" : "")
                    + " e.g. " + wrong);
        }
        run.failures.addAll(target.ownChecks(expected));
        run.notes.addAll(target.notes());
    }

    private static int index(String phone) {
        try {
            return Integer.parseInt(phone.substring("+39333".length())) - 1_000_000;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static void log(BenchTarget target, String line) {
        System.out.printf("[bench %tT] %-9s %s%n", System.currentTimeMillis(), target.name(), line);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
