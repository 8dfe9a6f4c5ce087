package dev.replyflow.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.messaging.OutboundDispatcher;

/**
 * Issue 10's campaign benchmark. Not a test:
 * {@code mvn -B -ntp -Pbench test-compile exec:exec -Dbench.main=dev.replyflow.bench.CampaignBenchmark
 * -Dbench.contacts=100000 -Dbench.heap=-Xmx512m -Dbench.phaseTimeout=3600}.
 * <p>
 * Starts Replyflow in this JVM (its own application.yaml, job executor on, the WhatsApp stub answering sends after
 * {@code bench.latency} ms) with a throughput of {@code bench.rate} messages/s and the messaging limit
 * {@code bench.messagingLimit} (0 = unlimited, the tier a number needs for 1,000/s), imports N contacts into a list
 * as a CSV through the API, creates a template campaign to that list ({{contact.name}} as parameter) at
 * {@code bench.rate}, previews and launches it, and measures until every recipient's message reached the stub:
 * the dispatch rate (recipients whose instance was started, per second from the launch's answer until the campaign is
 * COMPLETED, its last slice committed), the sent rate (messages WhatsApp took, per second), the maximum heap used. It checks: the campaign
 * completed, each recipient got exactly one message (the stub's count per recipient) and nobody else any, no
 * incident, a heap of at most 512 MB (-Xmx), and the dispatch rate: the cap, or at least 0.9 × the core loop's
 * figure ({@code bench.coreLoop}: contacts/s measured by ReplyflowBenchmark, or {@code measure} to measure it first
 * with {@code bench.coreContacts} contacts). Prints a table; FAILED with the reasons (exit 1) when a check fails.
 */
public final class CampaignBenchmark {

    static final long HEAP_LIMIT = 512L * 1024 * 1024;
    private static final String TEMPLATE = "bench_campaign";
    /** The ready automation a template campaign runs (its Send Message jobs are the sends still to come). */
    private static final String TEMPLATE_AUTOMATION = "replyflow-campaign-template";
    private static final Duration LONG_REQUEST = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchOptions options;
    private final int rate;
    private final int messagingLimit;
    private final CampaignFigures figures;

    private CampaignBenchmark(BenchOptions options, int rate, int messagingLimit, CampaignFigures figures) {
        this.options = options;
        this.rate = rate;
        this.messagingLimit = messagingLimit;
        this.figures = figures;
    }

    public static void main(String[] args) {
        BenchOptions options = BenchOptions.fromSystemProperties();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.toLevel(System.getProperty("bench.log", "WARN")));
        int rate = Integer.getInteger("bench.rate", 1000);
        int limit = Integer.getInteger("bench.messagingLimit", 0);
        CampaignFigures figures = new CampaignFigures(options, rate, limit);
        System.out.println("[bench] campaign: " + options + " rate=" + rate + " messagingLimit=" + limit + " heap limit "
                + Runtime.getRuntime().maxMemory() / 1048576 + " MB");
        watchdog(options);
        try (HeapSampler heap = new HeapSampler()) {
            figures.coreLoop = coreLoop(options, heap);
            heap.reset();
            try {
                new CampaignBenchmark(options, rate, limit, figures).run();
            } catch (Exception | Error e) {
                e.printStackTrace(System.out);
                figures.failures.add("did not complete: " + e);
            } finally {
                figures.maxHeapBytes = heap.maxUsedBytes();
            }
        }
        figures.print(System.out);
        System.out.flush();
        System.exit(figures.failures().isEmpty() ? 0 : 1);
    }

    /** The core loop's contacts/s: given, measured now by ReplyflowBenchmark's core phase, or NaN (not compared). */
    private static double coreLoop(BenchOptions options, HeapSampler heap) {
        String core = System.getProperty("bench.coreLoop", "").strip();
        if (core.isEmpty()) {
            return Double.NaN;
        }
        if (!core.equals("measure")) {
            return Double.parseDouble(core);
        }
        BenchOptions coreOptions = new BenchOptions(Integer.getInteger("bench.coreContacts", 2000), options.clients(),
                options.latency(), options.db(), Set.of("core"), Set.of("replyflow"), options.phaseTimeout(), options.stall(), 0);
        EngineRun run = new EngineRun("replyflow");
        heap.reset();
        try (ReplyflowUnderTest target = new ReplyflowUnderTest(coreOptions)) {
            new Phases(coreOptions).run(target, run);
        } catch (Exception e) {
            throw new IllegalStateException("the core loop did not run", e);
        }
        System.out.printf("[bench] core loop: %.1f contacts/s (%d contacts, %d clients)%s%n", run.coreLoopPerSecond(),
                coreOptions.contacts(), coreOptions.clients(), run.failures.isEmpty() ? "" : " FAILED " + run.failures);
        return run.failures.isEmpty() ? run.coreLoopPerSecond() : Double.NaN;
    }

    private void run() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("replyflow.whatsapp.throughput", rate);
        properties.put("replyflow.whatsapp.messaging-limit", messagingLimit);
        try (ReplyflowUnderTest app = new ReplyflowUnderTest(options, properties)) {
            figures.settings = app.settings();
            JdbcTemplate jdbc = app.context().getBean(JdbcTemplate.class);
            int n = options.contacts();

            ReplyflowUnderTest.expect(201, app.post("/api/templates", "application/json", "{\"name\":\"" + TEMPLATE
                    + "\",\"language\":\"it\",\"category\":\"UTILITY\",\"body\":\"Ciao {{1}}, il tuo ordine è in viaggio\","
                    + "\"status\":\"APPROVED\"}", Map.of()), "template");
            long list = json(app.post("/api/lists", "application/json", "{\"name\":\"bench\"}", Map.of()), 201, "list")
                    .path("id").asLong();
            String csv = "phone,name\n" + IntStream.range(0, n).mapToObj(i -> BenchOptions.phone(i) + ",Customer " + i)
                    .collect(Collectors.joining("\n"));
            long t0 = System.nanoTime();
            JsonNode imported = json(app.post("/api/lists/" + list + "/import", "text/csv", csv, Map.of(), LONG_REQUEST), 200,
                    "import");
            figures.importSeconds = seconds(t0);
            csv = null;
            log(String.format("imported %s contacts in %.1f s", imported.path("imported").asText(imported.toString()),
                    figures.importSeconds));

            long campaign = json(app.post("/api/campaigns", "application/json", "{\"name\":\"bench\",\"audience\":{\"list\":"
                    + "\"bench\"},\"template\":{\"name\":\"" + TEMPLATE + "\",\"language\":\"it\",\"parameters\":"
                    + "[\"{{contact.name}}\"]},\"rate\":" + rate + "}", Map.of()), 201, "campaign").path("id").asLong();
            t0 = System.nanoTime();
            JsonNode preview = json(app.get("/api/campaigns/" + campaign + "/preview", LONG_REQUEST), 200, "preview");
            figures.previewSeconds = seconds(t0);
            figures.recipients = preview.path("recipients").asLong();
            log(String.format("preview in %.1f s: %s", figures.previewSeconds, preview));

            t0 = System.nanoTime();
            json(app.post("/api/campaigns/" + campaign + "/launch", "application/json", "{}", Map.of(), LONG_REQUEST), 202,
                    "launch");
            figures.launchSeconds = seconds(t0);
            long launchedNanos = System.nanoTime();
            log(String.format("launched in %.1f s", figures.launchSeconds));

            long completed = awaitCampaign(app, jdbc, campaign, launchedNanos);
            figures.dispatched = jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? "
                    + "and status = 'DISPATCHED'", Long.class, campaign);
            figures.dispatchSeconds = completed == 0 ? Double.NaN : (completed - launchedNanos) / 1e9;
            figures.sentSeconds = (app.whatsApp().lastAnswerNanos() - launchedNanos) / 1e9;
            check(app, jdbc, campaign);
        }
    }

    /**
     * Until the campaign completed and the stub has a send for every recipient; bounded by phase timeout and stall.
     * @return System.nanoTime() when COMPLETED was first seen (polled every 200 ms): the last slice committed; 0: never
     */
    private long awaitCampaign(ReplyflowUnderTest app, JdbcTemplate jdbc, long campaign, long since) {
        long deadline = since + options.phaseTimeout().toNanos();
        WhatsAppStub stub = app.whatsApp();
        long lastProgress = -1;
        long lastMove = System.nanoTime();
        long lastLog = 0;
        long completed = 0;
        while (true) {
            String status = jdbc.queryForObject("select status from campaign where id = ?", String.class, campaign);
            completed = completed == 0 && "COMPLETED".equals(status) ? System.nanoTime() : completed;
            long sent = stub.sendsByRecipient().size();
            boolean done = "COMPLETED".equals(status) && sent >= figures.recipients && jobsLeft(app) == 0
                    && app.context().getBean(OutboundDispatcher.class).idle();
            long now = System.nanoTime();
            if (done) {
                return completed;
            }
            if (now - lastLog > 10_000_000_000L) {
                lastLog = now;
                long dispatched = jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? "
                        + "and status = 'DISPATCHED'", Long.class, campaign);
                long progress = dispatched + sent;
                if (progress != lastProgress) {
                    lastProgress = progress;
                    lastMove = now;
                }
                log(String.format("%s: %d dispatched, %d sent after %.0f s", status, dispatched, sent, (now - since) / 1e9));
            }
            String stop = now > deadline ? "phase timeout of " + options.phaseTimeout().toSeconds() + " s"
                    : now - lastMove > options.stall().toNanos() ? "no progress for " + options.stall().toSeconds() + " s"
                    : null;
            if (stop != null) {
                figures.failures.add(String.format("campaign %s, %d of %d sent after %.0f s (%s)", status, sent,
                        figures.recipients, (now - since) / 1e9, stop));
                return completed;
            }
            Phases.sleep(200);
        }
    }

    private static long jobsLeft(ReplyflowUnderTest app) {
        return app.context().getBean(ManagementService.class).createJobQuery().processDefinitionKey(TEMPLATE_AUTOMATION)
                .count();
    }

    private void check(ReplyflowUnderTest app, JdbcTemplate jdbc, long campaign) throws Exception {
        long t0 = System.nanoTime();
        JsonNode view = json(app.get("/api/campaigns/" + campaign, LONG_REQUEST), 200, "campaign");
        figures.viewSeconds = seconds(t0);
        figures.status = view.path("status").asText();
        figures.apiCounts = view.path("counts").toString();
        figures.instances = jdbc.queryForObject("select count(distinct BUSINESS_KEY_) from ACT_HI_PROCINST where PROC_INST_ID_ "
                + "in (select process_instance_id from campaign_recipient where campaign_id = ?)", Long.class, campaign);
        Set<String> expected = IntStream.range(0, options.contacts()).mapToObj(i -> BenchOptions.phone(i).substring(1))
                .collect(Collectors.toSet());
        Map<String, AtomicInteger> sends = app.whatsApp().sendsByRecipient();
        figures.sends = sends.values().stream().mapToLong(AtomicInteger::get).sum();
        figures.duplicates = sends.values().stream().filter(count -> count.get() > 1).count();
        figures.lost = expected.stream().filter(phone -> !sends.containsKey(phone)).count();
        figures.strangers = sends.keySet().stream().filter(phone -> !expected.contains(phone)).count() + app.whatsApp().refused();
        figures.incidents = app.context().getBean(RuntimeService.class).createIncidentQuery().count();
        System.gc(); // what stays: nothing of the campaign's 100,000 recipients should
        figures.liveHeapBytes = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        figures.notes.addAll(app.notes());
    }

    private static JsonNode json(HttpResponse<String> response, int status, String what) throws Exception {
        ReplyflowUnderTest.expect(status, response, what);
        return JSON.readTree(response.body());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void log(String line) {
        System.out.printf("[bench %tT] campaign  %s%n", System.currentTimeMillis(), line);
    }


    /** As ReplyflowBenchmark's: past every phase's time plus a margin, report and stop the JVM. */
    private static void watchdog(BenchOptions options) {
        long limit = 2 * options.phaseTimeout().toSeconds() + 1800;
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit * 1000);
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("FAILED:\n - the campaign benchmark did not finish within " + limit + " s");
            System.out.flush();
            Runtime.getRuntime().halt(2);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
