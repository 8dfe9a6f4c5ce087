package dev.replyflow.bench;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One engine's warm-up and phases in a JVM of its own, started with this JVM's options, its {@link EngineRun} read
 * back. In one JVM the second engine ran on the JIT's state left by the first (code compiled, and type profiles gathered,
 * for the other engine): on PostgreSQL Replyflow after bare Camunda spent 4.6–7.6 ms of CPU per contact, alone 5.0–5.1;
 * bare Camunda after Replyflow 2.5, first 3.8–4.2. No production JVM hosts both.
 */
final class OwnJvm {

    /** Set in the child: where it writes its run. */
    static final String RESULT_FILE = "bench.resultFile";

    private OwnJvm() {
    }

    static EngineRun run(String engine) {
        Path result = null;
        Process child = null;
        try {
            result = Files.createTempFile("replyflow-bench-" + engine + "-", ".run");
            child = new ProcessBuilder(command(engine, "-D" + RESULT_FILE + "=" + result)).inheritIO().start();
            Process running = child;
            Thread stop = new Thread(running::destroyForcibly); // the benchmark interrupted: not its child either
            Runtime.getRuntime().addShutdownHook(stop);
            int exit = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stop);
            if (Files.size(result) == 0) {
                return failed(engine, "its JVM exited with " + exit + " before writing its figures");
            }
            return read(result);
        } catch (IOException | ClassNotFoundException e) {
            return failed(engine, "its JVM's figures could not be read: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
            return failed(engine, "interrupted");
        } finally {
            if (result != null) {
                result.toFile().delete();
            }
        }
    }

    /** This JVM's command line for a child that runs {@code engine} only, with {@code properties} added. */
    static List<String> command(String engine, String... properties) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-Dbench.engines=") && !option.startsWith("-D" + RESULT_FILE + "=")) {
                command.add(option);
            }
        }
        command.add("-Dbench.engines=" + engine);
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReplyflowBenchmark.class.getName()));
        return command;
    }

    /** The run a child wrote. */
    static EngineRun read(Path file) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            return (EngineRun) in.readObject();
        }
    }

    /** In the child: hands its run to the parent. */
    static void write(EngineRun run, String file) throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Path.of(file)))) {
            out.writeObject(run);
        }
    }

    static EngineRun failed(String engine, String why) {
        EngineRun run = new EngineRun(engine);
        run.failures.add(why);
        return run;
    }
}
