package dev.replyflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.replyflow.ReplyflowApplication;
import dev.replyflow.clock.PlatformClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The real application, started in this JVM with its own application.yaml (not the tests' overrides) on a fresh
 * database, WhatsApp's Cloud API pointed at the local stub, its job executor on; driven over HTTP like its clients.
 */
final class ReplyflowUnderTest implements BenchTarget {

    private static final String PASSWORD = "bench-admin-secret";
    private static final String APP_SECRET = "bench-app-secret";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final BenchDatabase database;
    private final WhatsAppStub whatsApp;
    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    /** The measured calls (starts, replies); the set-up and the checks use {@link #http}. */
    private final LoadHttp load;
    private final String authorization = "Basic "
            + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private final RuntimeService runtime;
    private final HistoryService history;
    private final ManagementService management;
    private final String definitionId;
    private final String settings;

    ReplyflowUnderTest(BenchOptions options) throws Exception {
        this(options, Map.of());
    }

    /** @param extra more application properties (they win over application.yaml), e.g. a campaign's throughput */
    ReplyflowUnderTest(BenchOptions options, Map<String, Object> extra) throws Exception {
        whatsApp = new WhatsAppStub(options.latency());
        database = BenchDatabase.fresh(options.db(), "replyflow");
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", System.getProperty("bench.log", "WARN"));
        properties.put("spring.datasource.url", database.url);
        properties.put("spring.datasource.username", database.user);
        properties.put("spring.datasource.password", database.password);
        properties.put("camunda.bpm.job-execution.enabled", "true");
        properties.put("replyflow.admin.password", PASSWORD);
        properties.put("replyflow.whatsapp.provider", "cloud-api");
        properties.put("replyflow.whatsapp.app-secret", APP_SECRET);
        properties.put("replyflow.whatsapp.verify-token", "bench-verify-token");
        properties.put("replyflow.whatsapp.cloud-api.base-url", whatsApp.baseUrl());
        properties.put("replyflow.whatsapp.cloud-api.phone-number-id", WhatsAppStub.PHONE_NUMBER_ID);
        properties.put("replyflow.whatsapp.cloud-api.access-token", "bench-access-token");
        if (options.db().equals("postgres")) {
            properties.put("spring.profiles.active", "postgres");
        }
        properties.putAll(extra);
        // as command-line arguments: they win over application.yaml (SpringApplicationBuilder.properties would not)
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try {
            context = new SpringApplicationBuilder(ReplyflowApplication.class).run(arguments);
        } catch (RuntimeException failed) {
            whatsApp.close();
            database.close();
            throw failed;
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        base = "http://127.0.0.1:" + port;
        load = new LoadHttp("127.0.0.1", port, REQUEST_TIMEOUT);
        ProcessEngine engine = context.getBean(ProcessEngine.class);
        runtime = engine.getRuntimeService();
        history = engine.getHistoryService();
        management = engine.getManagementService();
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String url = context.getEnvironment().getProperty("spring.datasource.url");
        if (!database.url.equals(url)) {
            throw new IllegalStateException("Replyflow runs on " + url + ", not on the benchmark's fresh " + database.url);
        }
        settings = JobExecutors.describe(config.getJobExecutor(), config.getHistory())
                + (context.getEnvironment().getProperty("replyflow.history.variable-changes", Boolean.class, false) ? " with"
                        : " without") + " variable changes, ids "
                + config.getIdGenerator().getClass().getSimpleName() + ", pool "
                + context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size", "10") + ", " + url
                + driverProperties(context.getBean(javax.sql.DataSource.class));
        setUp(options.contacts());
        Standing.start(engine, Standing.instances());
        definitionId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(BenchBpmn.KEY)
                .latestVersion().singleResult().getId();
    }

    /** What an operator would do first: top up, an approved template, the automation deployed (through REST). */
    private void setUp(int contacts) throws Exception {
        long amount = Math.max(20, contacts); // at most €0.14 a conversation
        expect(201, post("/api/wallet/top-ups", "application/json", "{\"amount\":" + amount + "}", Map.of()), "top-up");
        expect(201, post("/api/templates", "application/json", "{\"name\":\"" + BenchBpmn.TEMPLATE + "\",\"language\":\"it\","
                + "\"category\":\"UTILITY\",\"body\":\"Your order has shipped: reply to tell us how it went\","
                + "\"status\":\"APPROVED\"}", Map.of()), "template");
        String boundary = "replyflow-bench-boundary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"bench.bpmn\"; filename=\"bench.bpmn\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n" + BenchBpmn.xml() + "\r\n--" + boundary + "--\r\n";
        expect(200, post("/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary, multipart, Map.of()),
                "deployment");
    }

    static void expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers)
            throws Exception {
        return post(path, contentType, body, headers, REQUEST_TIMEOUT);
    }

    HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers, Duration timeout)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Content-Type", contentType).POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!path.startsWith("/webhooks/")) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        return http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", authorization).GET().build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    WhatsAppStub whatsApp() {
        return whatsApp;
    }

    @Override
    public String name() {
        return "replyflow";
    }

    @Override
    public String settings() {
        return settings;
    }

    @Override
    public int start(int contact) throws Exception {
        return load.post("/api/automations/" + BenchBpmn.KEY + "/start", "application/json",
                "{\"phone\":\"" + BenchOptions.phone(contact) + "\"}", Map.of("Authorization", authorization)).status();
    }

    /** A signed Cloud API webhook delivery: one text message from the contact. */
    @Override
    public int reply(int contact) throws Exception {
        String from = BenchOptions.phone(contact).substring(1);
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Customer %d"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"wamid.bench-in-%d","timestamp":"%d","type":"text","text":{"body":"Yes, thanks"}}]}}]}]}
                """.formatted(WhatsAppStub.PHONE_NUMBER_ID, contact, from, from, contact, Instant.now().getEpochSecond());
        return load.post("/webhooks/whatsapp", "application/json", body, Map.of("X-Hub-Signature-256", sign(body))).status();
    }

    private static String sign(String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void advanceClock(Duration duration) {
        context.getBean(PlatformClock.class).advance(duration);
    }

    @Override
    public void vacuum() {
        database.vacuum();
    }

    @Override
    public void forgetSends() {
        whatsApp.forget();
    }

    @Override
    public long waiting() { // the send happens after the step's commit: the loop ends when WhatsApp has it too
        return Math.min(atCustomerResponse(), whatsApp.sendsByRecipient().size());
    }

    @Override
    public long atCustomerResponse() {
        return context.getBean(JdbcTemplate.class).queryForObject(BenchBpmn.COUNT_WAITING, Long.class);
    }

    @Override
    public long deadJobs() {
        return management.createJobQuery().processDefinitionId(definitionId).noRetriesLeft().count();
    }

    @Override
    public long incidents() {
        return runtime.createIncidentQuery().count();
    }

    @Override
    public Map<String, String> endEvents() {
        Map<String, String> ended = new HashMap<>();
        for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery().processDefinitionId(definitionId)
                .finished().list()) {
            ended.put(instance.getBusinessKey(), instance.getEndActivityId());
        }
        return ended;
    }

    /** One send per started contact and none to anybody else; the contacts' tags match their paths. */
    @Override
    public List<String> ownChecks(Expected expected) {
        List<String> failures = new ArrayList<>();
        Set<String> started = expected.endEvents().keySet().stream().map(i -> BenchOptions.phone(i).substring(1))
                .collect(Collectors.toSet());
        Map<String, Integer> sends = new HashMap<>();
        whatsApp.sendsByRecipient().forEach((to, n) -> sends.put(to, n.get()));
        long duplicates = sends.values().stream().filter(n -> n > 1).count();
        long lost = started.stream().filter(p -> !sends.containsKey(p)).count();
        long strangers = sends.keySet().stream().filter(p -> !started.contains(p)).count();
        if (duplicates > 0) {
            failures.add(duplicates + " contacts got the template more than once (" + sends.values().stream()
                    .mapToInt(Integer::intValue).sum() + " sends for " + sends.size() + " recipients)");
        }
        if (lost > 0) {
            failures.add(lost + " started contacts never got the template");
        }
        if (strangers > 0 || whatsApp.refused() > 0) {
            failures.add(strangers + " sends to contacts never started, " + whatsApp.refused() + " malformed send requests");
        }
        Map<String, Set<String>> tags = new HashMap<>();
        context.getBean(JdbcTemplate.class).query("select c.phone, t.tag from contact c join contact_tag t on t.contact_id = c.id",
                rs -> {
                    tags.computeIfAbsent(rs.getString(1), p -> new java.util.HashSet<>()).add(rs.getString(2));
                });
        long wrongTags = expected.endEvents().entrySet().stream().filter(e -> {
            Set<String> has = tags.getOrDefault(BenchOptions.phone(e.getKey()), Set.of());
            String tag = e.getValue() == null ? null
                    : e.getValue().equals(BenchBpmn.END_REPLIED) ? "replied" : "no-response";
            return tag == null ? !has.isEmpty() : !has.equals(Set.of(tag));
        }).count();
        if (wrongTags > 0) {
            failures.add(wrongTags + " contacts with the wrong tags");
        }
        return failures;
    }

    @Override
    public List<String> notes() {
        Counter timeouts = context.getBean(MeterRegistry.class).find("hikaricp.connections.timeout").counter();
        return List.of("connection-pool timeouts: " + (timeouts == null ? "?" : (long) timeouts.count()),
                "WhatsApp stub: " + whatsApp.requests() + " send requests for " + whatsApp.sendsByRecipient().size()
                        + " recipients");
    }

    @Override
    public void close() {
        try {
            load.close();
            context.close();
        } finally {
            whatsApp.close();
            database.close();
        }
    }

    /** The JDBC driver's properties the pool passes (printed as bare Camunda's are: the same for both engines). */
    private static String driverProperties(javax.sql.DataSource dataSource) {
        java.util.Properties properties = dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari
                ? hikari.getDataSourceProperties() : new java.util.Properties();
        return properties.isEmpty() ? "" : ", driver " + new java.util.TreeMap<>(properties);
    }
}
