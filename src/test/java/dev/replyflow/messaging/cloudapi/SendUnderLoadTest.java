package dev.replyflow.messaging.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.replyflow.clock.PlatformClock;
import dev.replyflow.jobs.SharedCommitJobExecutor;
import dev.replyflow.messaging.OutboundRecovery;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;
import dev.replyflow.support.StubHttpServer.Reply;
import dev.replyflow.support.TestBpmn;
import dev.replyflow.support.Webhooks;

/**
 * Sends under load with a small connection pool, the job executor on and a WhatsApp that takes its time: nothing waits
 * on a second connection or holds one across the call, so every send completes once. And a send whose answer was lost
 * is not sent blindly again: its status webhook (which carries the message's reference) settles it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "replyflow.whatsapp.provider=cloud-api",
        "replyflow.whatsapp.cloud-api.phone-number-id=42",
        "replyflow.whatsapp.cloud-api.access-token=test-access-token",
        "replyflow.whatsapp.cloud-api.request-timeout=2s",
        "replyflow.whatsapp.sender.threads=16",
        "spring.datasource.url=jdbc:h2:mem:replyflow-load;DB_CLOSE_DELAY=-1",
        // three connections for six job threads, sixteen senders and eight API clients: enough only if each holds one
        "spring.datasource.hikari.maximum-pool-size=3",
        "spring.datasource.hikari.connection-timeout=3000",
        "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.core-pool-size=6",
        "camunda.bpm.job-execution.max-pool-size=6",
        "camunda.bpm.generate-unique-process-engine-name=true"})
@DirtiesContext
class SendUnderLoadTest extends ApiTest {

    private static final String MESSAGES = "/v21.0/42/messages";
    private static final StubCloudApiServer STUB = start();
    private static final AtomicLong WAMIDS = new AtomicLong();

    private static StubCloudApiServer start() {
        try {
            return new StubCloudApiServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void cloudApi(DynamicPropertyRegistry registry) {
        registry.add("replyflow.whatsapp.cloud-api.base-url", STUB::baseUrl);
    }

    @AfterAll
    static void stop() {
        STUB.close();
    }

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OutboundRecovery recovery;
    @Autowired
    PlatformClock clock;
    @Autowired
    ProcessEngineConfigurationImpl engine;

    private static Reply accepted(Duration latency) {
        return Reply.json(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.load-"
                + WAMIDS.incrementAndGet() + "\"}]}").after(latency);
    }

    /** An approved utility template (with the cloud-api provider a new template waits for Meta's approval). */
    private void approvedTemplate(String name) {
        long id = admin().post("/api/templates", "{\"name\":\"" + name + "\",\"language\":\"it\",\"category\":\"UTILITY\","
                + "\"body\":\"Ciao {{1}}\"}").json().path("id").asLong();
        assertThat(admin().patch("/api/templates/" + id, "{\"status\":\"APPROVED\"}").status()).isEqualTo(200);
    }

    private int outbound(String status) {
        return jdbc.queryForObject("select count(*) from message where direction = 'OUTBOUND' and status = ?", Integer.class,
                status);
    }

    @Test
    void manyConcurrentSendsWithASmallPoolAllCompleteOnce() throws Exception {
        STUB.reset();
        STUB.on("POST", MESSAGES, request -> accepted(Duration.ofMillis(50)));
        Channel channel = new Channel(admin());
        channel.topUp("100");
        approvedTemplate("load_news");
        repository.createDeployment().addString("send-load.bpmn", TestBpmn.process("send-load", TestBpmn.chain(
                TestBpmn.step("send", "sendMessage", true, "template", "load_news", "parameters", "x"), "send"))).deploy();

        int automations = 40;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> calls = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < automations; i++) {
            String phone = newPhone();
            phones.add(phone);
            calls.add(() -> admin().post("/api/automations/send-load/start", "{\"phone\":\"" + phone + "\"}").status());
        }
        for (int i = 0; i < 10; i++) { // and operators sending from the API at the same time
            long contact = channel.contact(newPhone(), false);
            calls.add(() -> channel.sendTemplate(contact, "load_news").status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : clients.invokeAll(calls)) {
            statuses.add(status.get());
        }
        clients.shutdown();

        assertThat(statuses).containsOnly(201);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> outbound("SENT") == automations + 10);
        assertThat(outbound("PENDING")).isZero();
        assertThat(outbound("FAILED")).isZero();
        assertThat(STUB.requests("POST", MESSAGES)).hasSize(automations + 10); // one send each, nothing twice
        assertThat(STUB.requests("POST", MESSAGES).stream().map(r -> r.json().path("to").asText()).distinct().count())
                .isEqualTo(automations + 10);
        assertThat(runtime.createIncidentQuery().count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("send-load").count()).isZero(); // all ended
        // the sends' async steps ran several to a transaction (SharedCommitJobExecutor), each batch on one connection
        assertThat(engine.getJobExecutor()).isInstanceOf(SharedCommitJobExecutor.class);
    }

    @Test
    void aSendWhoseAnswerWasLostIsSettledByItsStatusNotSentAgain() {
        STUB.reset();
        STUB.on("POST", MESSAGES, request -> accepted(Duration.ofSeconds(4))); // longer than the request timeout
        Channel channel = new Channel(admin());
        channel.topUp("10");
        approvedTemplate("lost_news");
        repository.createDeployment().addString("send-lost.bpmn", TestBpmn.process("send-lost", TestBpmn.chain(
                TestBpmn.step("send", "sendMessage", true, "template", "lost_news", "parameters", "x"), "send"))).deploy();
        String settled = newPhone();
        String silent = newPhone();
        admin().post("/api/automations/send-lost/start", "{\"phone\":\"" + settled + "\"}");
        admin().post("/api/automations/send-lost/start", "{\"phone\":\"" + silent + "\"}"); // the job executor runs them
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> STUB.requests("POST", MESSAGES).size() == 2);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> pendingUntil(settled) != null && pendingUntil(silent) != null
                && pendingUntil(settled).isAfter(clock.instant().plusSeconds(60)));

        // WhatsApp did take the first one: its "sent" status comes with the reference Replyflow gave it
        String reference = STUB.requests("POST", MESSAGES).stream().filter(r -> r.json().path("to").asText()
                .equals(settled.substring(1))).findFirst().orElseThrow().json().path("biz_opaque_callback_data").asText();
        String status = Webhooks.status("wamid.lost-1", "sent").replace("\"recipient_id\":\"1\"",
                "\"recipient_id\":\"1\",\"biz_opaque_callback_data\":\"" + reference + "\"");
        assertThat(deliverWhatsApp(status).status()).isEqualTo(200);

        STUB.reset();
        STUB.on("POST", MESSAGES, request -> accepted(Duration.ZERO));
        // once the wait for statuses passed, only the one WhatsApp never confirmed is sent again
        assertThat(recovery.resendDue(clock.instant().plus(Duration.ofMinutes(3)))).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> STUB.requests("POST", MESSAGES).size() == 1);
        assertThat(STUB.only("POST", MESSAGES).json().path("to").asText()).isEqualTo(silent.substring(1));
        assertThat(jdbc.queryForObject("select m.wa_message_id from message m join contact c on c.id = m.contact_id "
                + "where c.phone = ?", String.class, settled)).isEqualTo("wamid.lost-1");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select m.status from message m "
                + "join contact c on c.id = m.contact_id where c.phone = ?", String.class, silent).equals("SENT"));
    }

    private java.time.Instant pendingUntil(String phone) {
        List<java.time.OffsetDateTime> at = jdbc.queryForList("select m.next_attempt_at from message m join contact c "
                + "on c.id = m.contact_id where c.phone = ? and m.status = 'PENDING'", java.time.OffsetDateTime.class, phone);
        return at.isEmpty() || at.get(0) == null ? null : at.get(0).toInstant();
    }
}
