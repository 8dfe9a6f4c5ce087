package dev.replyflow.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What the campaign benchmark measured, its table and its checks. */
final class CampaignFigures {

    /** A slice runs once a second: a few percent of the cap go to scheduling it, so 95% counts as the cap. */
    private static final double AT_CAP = 0.95;
    private static final double OF_CORE_LOOP = 0.9;

    private final BenchOptions options;
    private final int rate;
    private final int messagingLimit;
    String settings = "";
    double coreLoop = Double.NaN;
    double importSeconds = Double.NaN;
    double previewSeconds = Double.NaN;
    double launchSeconds = Double.NaN;
    double dispatchSeconds = Double.NaN;
    double sentSeconds = Double.NaN;
    double viewSeconds = Double.NaN;
    long recipients;
    long dispatched;
    long instances;
    long sends;
    long duplicates;
    long lost;
    long strangers;
    long incidents;
    long maxHeapBytes;
    long liveHeapBytes;
    String status = "?";
    String apiCounts = "?";
    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    CampaignFigures(BenchOptions options, int rate, int messagingLimit) {
        this.options = options;
        this.rate = rate;
        this.messagingLimit = messagingLimit;
    }

    double dispatchRate() {
        return dispatched / dispatchSeconds;
    }

    double sentRate() {
        return (sends - duplicates) / sentSeconds;
    }

    List<String> failures() {
        List<String> all = new ArrayList<>(failures);
        int n = options.contacts();
        if (!"COMPLETED".equals(status) || dispatched != n || recipients != n || instances != n) {
            all.add("campaign " + status + ": " + recipients + " recipients, " + dispatched + " dispatched, " + instances
                    + " distinct instances, for " + n + " contacts");
        }
        if (duplicates > 0 || lost > 0 || strangers > 0) {
            all.add(duplicates + " contacts got the template more than once, " + lost + " never, " + strangers
                    + " sends to nobody of the list (" + sends + " sends)");
        }
        if (incidents > 0) {
            all.add(incidents + " incidents");
        }
        long heapLimit = Runtime.getRuntime().maxMemory();
        if (heapLimit > CampaignBenchmark.HEAP_LIMIT) {
            all.add("the JVM may use " + heapLimit / 1048576 + " MB of heap, more than 512 MB: run with -Dbench.heap=-Xmx512m");
        }
        double dispatchRate = dispatchRate();
        boolean atCap = dispatchRate >= AT_CAP * rate;
        boolean nearCore = !Double.isNaN(coreLoop) && dispatchRate >= OF_CORE_LOOP * coreLoop;
        if (!atCap && !nearCore) {
            all.add(String.format("dispatch rate %.1f/s: below the cap of %d/s and %s", dispatchRate, rate,
                    Double.isNaN(coreLoop) ? "no core loop figure to compare with (-Dbench.coreLoop=<contacts/s> or measure)"
                            : String.format("below %.1f × the core loop's %.1f/s", OF_CORE_LOOP, coreLoop)));
        }
        return all;
    }

    void print(PrintStream out) {
        out.println();
        out.println("== Replyflow campaign benchmark: " + options.contacts() + " contacts, rate cap " + rate + "/s, messaging "
                + "limit " + (messagingLimit == 0 ? "unlimited" : messagingLimit) + ", db=" + options.db() + ", stub latency "
                + options.latency().toMillis() + " ms, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", heap limit " + Runtime.getRuntime().maxMemory() / 1048576 + " MB");
        out.println("   " + settings);
        out.println();
        out.printf("%-52s %12s %s%n", "figure", "value", "");
        row(out, "CSV import through the API, contacts/s", options.contacts() / importSeconds,
                String.format("(%.1f s)", importSeconds));
        row(out, "preview, s", previewSeconds, "");
        row(out, "launch (scan, recipient rows, reservation), s", launchSeconds, "");
        row(out, "dispatch rate, recipients/s", dispatchRate(), String.format("%s of the cap%s", ratio(dispatchRate() / rate),
                Double.isNaN(coreLoop) ? "" : ", " + ratio(dispatchRate() / coreLoop) + " of the core loop"));
        row(out, "sent rate, messages/s (WhatsApp stub)", sentRate(), Double.isNaN(coreLoop) ? ""
                : ratio(sentRate() / coreLoop) + " of the core loop");
        row(out, "dispatch, s (launch answered → COMPLETED)", dispatchSeconds, "");
        row(out, "sent, s (launch answered → last send)", sentSeconds, "");
        row(out, "progress (GET /api/campaigns/{id}) at the end, s", viewSeconds, "");
        row(out, "core loop, contacts/s", coreLoop, System.getProperty("bench.coreLoop", "").equals("measure")
                ? "(measured now, " + Integer.getInteger("bench.coreContacts", 2000) + " contacts)" : "(given)");
        row(out, "heap used max, MB", maxHeapBytes == 0 ? Double.NaN : maxHeapBytes / 1048576.0,
                "(limit " + Runtime.getRuntime().maxMemory() / 1048576 + " MB)");
        row(out, "heap live after the campaign (after a GC), MB", liveHeapBytes == 0 ? Double.NaN : liveHeapBytes / 1048576.0, "");
        count(out, "sends to the stub / recipients", sends, "/ " + recipients);
        count(out, "duplicates / lost / strangers", duplicates, "/ " + lost + " / " + strangers);
        count(out, "incidents", incidents, "");
        out.println("   campaign " + status + ", counts " + apiCounts);
        notes.forEach(n -> out.println("   " + n));
        List<String> failed = failures();
        out.println();
        if (failed.isEmpty()) {
            out.println("CHECKS PASSED: completed, every recipient sent exactly once, zero incidents, heap within 512 MB, "
                    + "dispatch rate on target");
        } else {
            out.println("FAILED:");
            failed.forEach(f -> out.println(" - " + f));
        }
    }

    private static void row(PrintStream out, String figure, double value, String more) {
        out.printf("%-52s %12s %s%n", figure, Double.isNaN(value) || Double.isInfinite(value) ? "-"
                : String.format(value >= 100 ? "%.0f" : "%.1f", value), more);
    }

    private static void count(PrintStream out, String figure, long value, String more) {
        out.printf("%-52s %12d %s%n", figure, value, more);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format("%.2f×", value);
    }
}
