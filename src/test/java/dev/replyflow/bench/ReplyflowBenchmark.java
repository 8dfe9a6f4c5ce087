package dev.replyflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The core loop under load, Replyflow against bare Camunda in one run, each in a JVM of its own ({@link OwnJvm};
 * issue 9). Not a test: {@code mvn -B -ntp -Pbench test-compile exec:exec -Dbench.contacts=10000}. Options are system
 * properties, see {@link BenchOptions}. Exits 1 with FAILED and the reasons when a check fails or a phase times out.
 */
public final class ReplyflowBenchmark {

    private ReplyflowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.fromSystemProperties();
        // until Replyflow starts and configures logging itself (logging.level.root, the same level)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.toLevel(System.getProperty("bench.log", "WARN")));
        String resultFile = System.getProperty(OwnJvm.RESULT_FILE);
        int rounds = Integer.getInteger("bench.rounds", 1);
        String engine = options.engines().iterator().next();
        if (Boolean.getBoolean(LiveJvm.CONTROLLED)) { // one engine's JVM, told its steps by the JVM that started it
            watchdog(options, 2 * rounds);
            LiveJvm.serve(options, engine, resultFile, System.out);
            System.exit(0);
        }
        if (resultFile != null) { // the JVM of one engine's one round, started below
            watchdog(options, 1);
            OwnJvm.write(run(options, engine), resultFile);
            System.exit(0);
        }
        // -Dbench.fork=false: both engines in this JVM, one after the other (see OwnJvm for what that measures)
        boolean ownJvms = Boolean.parseBoolean(System.getProperty("bench.fork", "true"));
        // -Dbench.interleave=false: a JVM per engine and round, each round's phases in a row (see LiveJvm)
        boolean interleave = ownJvms && Boolean.parseBoolean(System.getProperty("bench.interleave", "true"));
        System.out.println("[bench] " + options + " rounds=" + rounds + " ownJvms=" + ownJvms + " interleave=" + interleave);
        if (!interleave) {
            watchdog(options, rounds);
        }
        Map<String, List<EngineRun>> runs = interleave ? interleaved(options, rounds) : oneAfterTheOther(options, rounds, ownJvms);
        Figures figures = new Figures(options, runs.getOrDefault("replyflow", List.of()), runs.getOrDefault("bare", List.of()));
        figures.print(System.out);
        System.out.flush();
        System.exit(figures.failures().isEmpty() ? 0 : 1);
    }

    /** -Dbench.rounds=2: bare, Replyflow, Replyflow, bare, each round all its phases; the drift weighs on both alike. */
    private static Map<String, List<EngineRun>> oneAfterTheOther(BenchOptions options, int rounds, boolean ownJvms) {
        List<String> order = new ArrayList<>(options.engines());
        Map<String, List<EngineRun>> runs = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String engine : order) {
                runs.computeIfAbsent(engine, e -> new ArrayList<>()).add(ownJvms ? OwnJvm.run(engine) : run(options, engine));
            }
            Collections.reverse(order);
        }
        return runs;
    }

    /**
     * Each engine in a JVM that stays up ({@link LiveJvm}), warmed up one after the other; then, round after round, each
     * phase on one engine and right after on the other, in turn first (round 1: core loop bare then Replyflow, replies
     * Replyflow then bare, timers bare then Replyflow; round 2 the other way round), each round with contacts of its own.
     */
    private static Map<String, List<EngineRun>> interleaved(BenchOptions options, int rounds) throws java.io.IOException {
        Map<String, List<EngineRun>> runs = new HashMap<>();
        List<LiveJvm> jvms = new ArrayList<>();
        try {
            List<String> order = new ArrayList<>(options.engines());
            for (String engine : order) {
                jvms.add(LiveJvm.start(engine, options));
            }
            for (int round = 0; round < rounds; round++) {
                for (LiveJvm jvm : jvms) {
                    jvm.step("round " + round);
                }
                for (String step : List.of("core", "replies", "timers")) {
                    for (LiveJvm jvm : jvms) {
                        jvm.step(step);
                    }
                    Collections.reverse(jvms);
                }
                for (String engine : order) {
                    runs.computeIfAbsent(engine, e -> new ArrayList<>()).add(jvmOf(jvms, engine).check());
                }
            }
        } catch (java.io.IOException e) {
            e.printStackTrace(System.out);
            for (String engine : options.engines()) {
                runs.computeIfAbsent(engine, x -> new ArrayList<>()).add(OwnJvm.failed(engine, e.getMessage()));
            }
        } finally {
            jvms.forEach(LiveJvm::close);
        }
        return runs;
    }

    private static LiveJvm jvmOf(List<LiveJvm> jvms, String engine) {
        return jvms.stream().filter(j -> j.engine().equals(engine)).findFirst().orElseThrow();
    }

    /**
     * The last resort against a wedged engine: each phase is bounded, but closing an application whose threads all
     * wait on each other might not be; past every phase's time plus a margin, report and stop the JVM.
     */
    private static void watchdog(BenchOptions options, int rounds) {
        long limit = (long) rounds * options.engines().size()
                * (3 * (options.phaseTimeout().toSeconds() + 60) + 600L);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit * 1000);
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("FAILED:\n - the benchmark did not finish within " + limit + " s (a wedged engine?)");
            System.out.flush();
            Runtime.getRuntime().halt(2);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * One engine: a warm-up on the application and database it is measured on ({@code bench.warmup} contacts through the
     * three phases, its figures discarded; a failed check fails the run), then the measured run. A method called once per
     * contact reaches the JIT's last tier only after thousands of contacts, and another application's warm-up leaves
     * this one's proxy classes cold: after 500 contacts on another application, the compiler took a third of the CPU of
     * Replyflow's measured core loop (a sixth of bare Camunda's).
     */
    private static EngineRun run(BenchOptions options, String name) {
        EngineRun run = new EngineRun(name);
        ClockUtil.reset();
        HeapSampler heap = new HeapSampler();
        try (BenchTarget target = target(options, name)) {
            warmUp(options, target, run);
            heap.reset();
            new Phases(options).run(target, run);
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
            run.failures.add("did not complete: " + e);
        } finally {
            run.maxHeapBytes = heap.maxUsedBytes();
            heap.close();
            ClockUtil.reset();
        }
        return run;
    }

    static BenchTarget target(BenchOptions options, String name) throws Exception {
        return name.equals("bare") ? new BareCamunda(options, EngineSettings.of(options.db())) : new ReplyflowUnderTest(options);
    }

    /**
     * {@code bench.warmupPasses} times {@code bench.warmup} contacts through the three phases; a failed check is a
     * failure of {@code run}. The JIT compiles most in the first pass, still much in the second, little after: on
     * PostgreSQL the JIT compilers' time in three measured rounds after one pass was 20, 2.5 and 0.4 s in Replyflow's
     * core loop, 28, 7 and 1 s in bare Camunda's.
     */
    static void warmUp(BenchOptions options, BenchTarget target, EngineRun run) {
        int warmUp = Integer.getInteger("bench.warmup", 10_000);
        int passes = Integer.getInteger("bench.warmupPasses", 2);
        for (int pass = 0; warmUp >= 2 && pass < passes; pass++) {
            EngineRun warm = Phases.warmUp(options, target, warmUp, pass);
            System.out.printf("[bench] warm-up of %s, pass %d of %d with %d contacts, done%s%n", target.name(), pass + 1,
                    passes, warmUp, warm.failures.isEmpty() ? "" : ", with failures " + warm.failures);
            warm.failures.forEach(failure -> run.failures.add("warm-up: " + failure));
        }
    }
}
