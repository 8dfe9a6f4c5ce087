package dev.replyflow.bench;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The core loop under load, Replyflow against bare Camunda in one JVM run (issue 9). Not a test:
 * {@code mvn -B -ntp -Pbench test-compile exec:exec -Dbench.contacts=10000}. Options are system properties, see
 * {@link BenchOptions}. Exits 1 with FAILED and the reasons when a check fails or a phase times out.
 */
public final class ReplyflowBenchmark {

    private ReplyflowBenchmark() {
    }

    public static void main(String[] args) {
        BenchOptions options = BenchOptions.fromSystemProperties();
        // until Replyflow starts and configures logging itself (logging.level.root, the same level)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.toLevel(System.getProperty("bench.log", "WARN")));
        System.out.println("[bench] " + options);
        EngineRun bare = null;
        EngineRun replyflow = null;
        try (HeapSampler heap = new HeapSampler()) {
            // one after the other: Camunda's clock (ClockUtil) is global to the JVM
            if (options.engines().contains("bare")) {
                bare = run(options, heap, "bare");
            }
            if (options.engines().contains("replyflow")) {
                replyflow = run(options, heap, "replyflow");
            }
        }
        Figures figures = new Figures(options, replyflow, bare);
        figures.print(System.out);
        System.out.flush();
        System.exit(figures.failures().isEmpty() ? 0 : 1);
    }

    private static EngineRun run(BenchOptions options, HeapSampler heap, String name) {
        EngineRun run = new EngineRun(name);
        ClockUtil.reset();
        heap.reset();
        try (BenchTarget target = name.equals("bare") ? new BareCamunda(options, EngineSettings.of(options.db()))
                : new ReplyflowUnderTest(options)) {
            new Phases(options).run(target, run);
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
            run.failures.add("did not complete: " + e);
        } finally {
            run.maxHeapBytes = heap.maxUsedBytes();
            ClockUtil.reset();
        }
        return run;
    }
}
