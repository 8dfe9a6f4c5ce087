package dev.replyflow.bench;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark's options, all system properties ({@code -Dbench.contacts=10000 …}). {@code bench.replyRate}: replies
 * per second the clients keep to (at most {@code clients} in flight), for their latency at a given load (WhatsApp's
 * default is 80 messages/s per number); 0 = as fast as the clients go.
 */
record BenchOptions(int contacts, int clients, Duration latency, String db, Set<String> phases, Set<String> engines,
        Duration phaseTimeout, Duration stall, double replyRate) {

    static final Set<String> ALL_PHASES = Set.of("core", "replies", "timers");
    static final Set<String> ALL_ENGINES = Set.of("bare", "replyflow");

    static BenchOptions fromSystemProperties() {
        BenchOptions options = new BenchOptions(
                Integer.getInteger("bench.contacts", 10_000),
                Integer.getInteger("bench.clients", 64),
                Duration.ofMillis(Long.getLong("bench.latency", 100)),
                System.getProperty("bench.db", "h2").toLowerCase(Locale.ROOT),
                list("bench.phases", "core,replies,timers"),
                list("bench.engines", "bare,replyflow"),
                Duration.ofSeconds(Long.getLong("bench.phaseTimeout", 600)),
                Duration.ofSeconds(Long.getLong("bench.stall", 120)),
                Double.parseDouble(System.getProperty("bench.replyRate", "0")));
        options.check();
        return options;
    }

    private void check() {
        if (contacts < 2 || clients < 1 || latency.isNegative() || replyRate < 0) {
            throw new IllegalArgumentException("bench.contacts ≥ 2, bench.clients ≥ 1, bench.latency ≥ 0, bench.replyRate ≥ 0");
        }
        if (!db.equals("h2") && !db.equals("postgres")) {
            throw new IllegalArgumentException("bench.db is h2 or postgres, not " + db);
        }
        if (!ALL_PHASES.containsAll(phases) || !phases.contains("core")) {
            throw new IllegalArgumentException("bench.phases: core[,replies][,timers], not " + phases);
        }
        if (!ALL_ENGINES.containsAll(engines) || engines.isEmpty()) {
            throw new IllegalArgumentException("bench.engines: bare and/or replyflow, not " + engines);
        }
    }

    /** A warm-up's: another number of contacts through all three phases, as fast as the clients go. */
    BenchOptions forWarmUp(int n) {
        return new BenchOptions(n, clients, latency, db, ALL_PHASES, engines, phaseTimeout, stall, 0);
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** Contact i's phone: Italian mobiles +39 333 1000000 … */
    static String phone(int i) {
        return "+39333" + (1_000_000 + i);
    }

    /** Half of the contacts reply (the even ones), the other half wait for the No Response timer. */
    static boolean replies(int i) {
        return i % 2 == 0;
    }

    private static Set<String> list(String property, String fallback) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : System.getProperty(property, fallback).split(",")) {
            if (!value.isBlank()) {
                values.add(value.strip().toLowerCase(Locale.ROOT));
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "contacts=" + contacts + " clients=" + clients + " latency=" + latency.toMillis() + "ms db=" + db + " phases="
                + String.join(",", phases) + " engines=" + String.join(",", engines) + " phaseTimeout="
                + phaseTimeout.toSeconds() + "s stall=" + stall.toSeconds() + "s async=" + BenchBpmn.replyflowAsync()
                + " bareAsync=" + BenchBpmn.bareAsync() + (replyRate > 0 ? " replyRate=" + replyRate + "/s" : "");
    }
}
