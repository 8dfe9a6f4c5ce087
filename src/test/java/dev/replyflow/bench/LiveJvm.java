package dev.replyflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One engine in a JVM of its own that stays up for the whole run: warmed up once, then told step by step what to run
 * ({@code round N}, {@code core}, {@code replies}, {@code timers}, {@code check}), so that the two engines' phases
 * alternate seconds apart instead of minutes. On this machine the same phase took 8 to 17 s for bare Camunda within one
 * run, drifting over minutes: a figure of one engine is only comparable with the other's taken right before or after it.
 * The child reads its steps on standard input and answers each on standard output with a line of its own.
 */
final class LiveJvm implements AutoCloseable {

    /** Set in the child: it takes its steps on standard input. */
    static final String CONTROLLED = "bench.controlled";
    private static final String DONE = "[bench-done] ";

    private final String engine;
    private final Process process;
    private final Writer steps;
    private final BlockingQueue<String> done = new LinkedBlockingQueue<>();
    private final Path result;
    private final long stepTimeoutSeconds;

    private LiveJvm(String engine, Process process, Path result, long stepTimeoutSeconds) {
        this.engine = engine;
        this.process = process;
        this.steps = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.result = result;
        this.stepTimeoutSeconds = stepTimeoutSeconds;
        Thread echo = new Thread(this::echo, "bench-" + engine + "-out");
        echo.setDaemon(true);
        echo.start();
    }

    /** Starts {@code engine}'s JVM and waits until it has warmed up. */
    static LiveJvm start(String engine, BenchOptions options) throws IOException {
        Path result = Files.createTempFile("replyflow-bench-" + engine + "-", ".run");
        Process process = new ProcessBuilder(OwnJvm.command(engine, "-D" + CONTROLLED + "=true",
                "-D" + OwnJvm.RESULT_FILE + "=" + result))
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // a step is at most a phase (its timeout, and the wait for it to finish), or the warm-up's three
        LiveJvm jvm = new LiveJvm(engine, process, result, 4 * (options.phaseTimeout().toSeconds() + 60));
        jvm.await("ready");
        Usage.awaitQuiet();
        return jvm;
    }

    String engine() {
        return engine;
    }

    /** Runs one step in the child and waits until it is done, and the machine quiet again ({@link Usage#awaitQuiet}). */
    void step(String step) throws IOException {
        steps.write(step + "\n");
        steps.flush();
        await(step.split(" ")[0]);
        Usage.awaitQuiet();
    }

    /** Checks this round's contacts in the child and returns its figures. */
    EngineRun check() throws IOException {
        step("check");
        try {
            return OwnJvm.read(result);
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    private void await(String step) throws IOException {
        try {
            String line = done.poll(stepTimeoutSeconds, TimeUnit.SECONDS);
            if (line == null || !line.equals(step)) {
                throw new IOException(engine + "'s JVM did not finish " + step + (line == null ? " in time" : ": " + line));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The child's output goes to ours; its answers to the queue. */
    private void echo() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(DONE)) {
                    done.add(line.substring(DONE.length()));
                } else {
                    System.out.println(line);
                }
            }
        } catch (IOException e) {
            System.out.println("[bench] " + engine + "'s output: " + e);
        }
        done.add("exited with " + (process.isAlive() ? "?" : process.exitValue()));
    }

    @Override
    public void close() {
        try {
            steps.write("exit\n");
            steps.flush();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        } finally {
            result.toFile().delete();
        }
    }

    // ---- in the child ----

    /** The child's side: warm up, say so, then run each step read from standard input until told to exit. */
    static void serve(BenchOptions options, String engine, String resultFile, PrintStream out) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (BenchTarget target = ReplyflowBenchmark.target(options, engine)) {
            EngineRun warm = new EngineRun(engine); // its failures count as the first round's
            ReplyflowBenchmark.warmUp(options, target, warm);
            out.println(DONE + "ready");
            EngineRun run = warm;
            Phases phases = new Phases(options);
            HeapSampler heap = new HeapSampler();
            for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
                String step = line.split(" ")[0];
                try {
                    switch (step) {
                        case "round" -> {
                            List<String> earlier = run == warm ? warm.failures : List.of();
                            run = new EngineRun(engine);
                            run.failures.addAll(earlier);
                            phases = new Phases(options).round(Integer.parseInt(line.substring("round ".length())));
                            heap.reset();
                        }
                        case "core" -> phases.core(target, run);
                        case "replies" -> phases.replies(target, run);
                        case "timers" -> phases.timers(target, run);
                        case "check" -> {
                            phases.check(target, run);
                            target.forgetSends(); // the next round's checks count its own
                            run.maxHeapBytes = heap.maxUsedBytes();
                            OwnJvm.write(run, resultFile);
                        }
                        default -> throw new IllegalArgumentException("unknown step " + line);
                    }
                } catch (RuntimeException e) {
                    e.printStackTrace(out);
                    run.failures.add(step + " did not complete: " + e);
                    if (step.equals("check")) {
                        OwnJvm.write(run, resultFile);
                    }
                }
                out.println(DONE + step);
            }
            heap.close();
        }
    }
}
