package dev.replyflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh, empty database for one engine: an H2 file database in a temp directory, or a new PostgreSQL database
 * created next to {@code REPLYFLOW_BENCH_POSTGRES_URL} (its user needs CREATEDB); removed again on close.
 */
final class BenchDatabase implements AutoCloseable {

    final String url;
    final String user;
    final String password;
    private final Path directory;
    private final String adminUrl;
    private final String name;

    private BenchDatabase(String url, String user, String password, Path directory, String adminUrl, String name) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.directory = directory;
        this.adminUrl = adminUrl;
        this.name = name;
    }

    static BenchDatabase fresh(String kind, String label) {
        return kind.equals("postgres") ? postgres(label) : h2(label);
    }

    private static BenchDatabase h2(String label) {
        try {
            Path directory = Files.createTempDirectory("replyflow-bench-" + label + "-");
            // as Replyflow's default URL (bench.h2Settings): a commit is written before it is answered, for both engines
            String settings = System.getProperty("bench.h2Settings", ";WRITE_DELAY=0;QUERY_CACHE_SIZE=256");
            return new BenchDatabase("jdbc:h2:file:" + directory.resolve(label).toAbsolutePath() + settings, "sa", "",
                    directory, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BenchDatabase postgres(String label) {
        String adminUrl = System.getenv("REPLYFLOW_BENCH_POSTGRES_URL");
        if (adminUrl == null || adminUrl.isBlank()) {
            throw new IllegalStateException("bench.db=postgres needs REPLYFLOW_BENCH_POSTGRES_URL "
                    + "(e.g. jdbc:postgresql://localhost:5432/postgres) and REPLYFLOW_DB_USER / REPLYFLOW_DB_PASSWORD");
        }
        String user = env("REPLYFLOW_DB_USER", "replyflow");
        String password = env("REPLYFLOW_DB_PASSWORD", "replyflow");
        String name = "replyflow_bench_" + label + "_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + " through " + adminUrl + ": " + e.getMessage(), e);
        }
        // jdbc:postgresql://host:port/database?params → the same with the new database
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?');
        String url = adminUrl.substring(0, slash + 1) + name + (query < 0 ? "" : adminUrl.substring(query));
        return new BenchDatabase(url, user, password, null, adminUrl, name);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * VACUUM ANALYZE on PostgreSQL (nothing on H2, which keeps its own selectivity as it goes), after each phase, not
     * timed: the next phase runs on current statistics, as it would once autovacuum came by, instead of plans made for
     * empty tables (a reply's correlation by business key read every waiting subscription: 10 ms each); and autovacuum,
     * which comes by up to a minute after a phase, finds nothing to do in the other engine's next one (on one database
     * server it had vacuumed one engine's tables for 5–10 s during the other's core loop).
     */
    void vacuum() {
        if (name == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("VACUUM ANALYZE on " + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.out.println("[bench] could not remove " + directory + ": " + e.getMessage());
            }
        }
        if (name != null) {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.out.println("[bench] could not drop database " + name + ": " + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return url;
    }
}
