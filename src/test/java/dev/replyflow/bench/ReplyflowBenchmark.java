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

    public static void main(String[] args) throws java.io.IOException {
        BenchOptions options = BenchOptions.fromSystemProperties();
        // until Replyflow starts and configures logging itself (logging.level.root, the same level)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.toLevel(System.getProperty("bench.log", "WARN")));
        String resultFile = System.getProperty(OwnJvm.RESULT_FILE);
        if (resultFile != null) { // the JVM of one engine's one round, started below
            watchdog(options, 1);
            OwnJvm.write(run(options, options.engines().iterator().next()), resultFile);
            System.exit(0);
        }
        // -Dbench.fork=false: both engines in this JVM, one after the other (see OwnJvm for what that measures)
        boolean ownJvms = Boolean.parseBoolean(System.getProperty("bench.fork", "true"));
        // -Dbench.rounds=2: bare, Replyflow, Replyflow, bare; the machine's drift over the run weighs on both alike
        int rounds = Integer.getInteger("bench.rounds", 1);
        System.out.println("[bench] " + options + " rounds=" + rounds + " ownJvms=" + ownJvms);
        if (!ownJvms) {
            watchdog(options, rounds);
        }
        List<String> order = new ArrayList<>(options.engines());
        Map<String, List<EngineRun>> runs = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String engine : order) { // one after the other
                runs.computeIfAbsent(engine, e -> new ArrayList<>()).add(ownJvms ? OwnJvm.run(engine) : run(options, engine));
            }
            Collections.reverse(order);
        }
        Figures figures = new Figures(options, runs.getOrDefault("replyflow", List.of()), runs.getOrDefault("bare", List.of()));
        figures.print(System.out);
        System.out.flush();
        System.exit(figures.failures().isEmpty() ? 0 : 1);
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
        try (BenchTarget target = name.equals("bare") ? new BareCamunda(options, EngineSettings.of(options.db()))
                : new ReplyflowUnderTest(options)) {
            int warmUp = Integer.getInteger("bench.warmup", 10_000);
            if (warmUp >= 2) {
                EngineRun warm = Phases.warmUp(options, target, warmUp);
                System.out.printf("[bench] warm-up of %s with %d contacts done%s%n", name, warmUp,
                        warm.failures.isEmpty() ? "" : ", with failures " + warm.failures);
                warm.failures.forEach(failure -> run.failures.add("warm-up: " + failure));
            }
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
}
