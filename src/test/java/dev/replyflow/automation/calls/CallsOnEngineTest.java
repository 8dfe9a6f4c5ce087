package dev.replyflow.automation.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;
import dev.replyflow.support.EngineProbe;
import dev.replyflow.support.StubHttpServer;
import dev.replyflow.support.StubHttpServer.Reply;
import dev.replyflow.support.TestBpmn;

/**
 * The remote-call worker on the application's engine, with a local webhook receiver and a local Twilio: no database
 * connection is held while they answer, a failed call waits as the retry cycle says, and a node that dies with a call
 * in hand leaves the step to another node without a second call. Its own context: a small pool (so that "every
 * connection free" is quick to check), an hour-long first retry wait, and a Twilio that times out after a second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:replyflow-calls;DB_CLOSE_DELAY=-1",
        "spring.datasource.hikari.maximum-pool-size=" + CallsOnEngineTest.POOL,
        "spring.datasource.hikari.connection-timeout=3000",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "camunda.bpm.generic-properties.properties.failedJobRetryTimeCycle=PT1H,PT2H,PT4H",
        "replyflow.webhooks.allowed-hosts=127.0.0.1",
        "replyflow.voice.account-sid=" + CallsOnEngineTest.ACCOUNT,
        "replyflow.voice.auth-token=test-token",
        "replyflow.voice.from=+390212345678",
        "replyflow.voice.request-timeout=1s"})
@ActiveProfiles("test")
@DirtiesContext
class CallsOnEngineTest extends ApiTest {

    static final int POOL = 4;
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String CALLS_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";
    private static final String ALL_FREE = "all " + POOL + " connections free";

    @Autowired
    EngineProbe engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    ProcessEngine processEngine;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    ObjectProvider<RemoteCallStep<?>> steps;
    @Autowired
    CallReports reports;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    private static final StubHttpServer receiver = stub();
    private static final StubHttpServer twilio = stub();
    /** What each remote system saw of the database pool while its request was in flight. */
    private final List<String> poolWhileCalled = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void twilioAddress(DynamicPropertyRegistry registry) {
        registry.add("replyflow.voice.base-url", () -> twilio.url(""));
    }

    @BeforeEach
    void resetStubs() {
        receiver.reset();
        twilio.reset();
    }

    @AfterAll
    static void stopStubs() {
        receiver.close();
        twilio.close();
    }

    private static StubHttpServer stub() {
        try {
            return new StubHttpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noDatabaseConnectionIsHeldWhileTheOtherSystemAnswers() {
        receiver.on("POST", "/hook", request -> whileInFlight(Reply.json(200, "{\"id\":\"crm-9\"}")));
        twilio.on("POST", CALLS_PATH, request -> whileInFlight(created()));
        deploy("notify-and-call", TestBpmn.chain(
                TestBpmn.step("notify", "sendWebhook", true, "url", receiver.url("/hook"), "responseMapping", "crmId=/id"),
                "notify", TestBpmn.step("call", "voiceCall", true, "message", "Ciao"), "call"));
        String instance = start("notify-and-call");

        engine.runJob(instance); // the webhook step's job, then its call
        engine.runJob(instance); // the voice step's job, then its call

        assertThat(poolWhileCalled).containsExactly(ALL_FREE, ALL_FREE);
        assertThat(engine.ended(instance, "end")).isTrue();
        assertThat(engine.variables(instance)).containsEntry("crmId", "crm-9").containsKey("callSid");
    }

    @Test
    void aFailedCallWaitsAsTheRetryCycleSaysThenContinuesWithTheSameDeliveryId() {
        receiver.answers(Reply.json(503, "busy"), Reply.json(200, "{}"));
        deploy("notify-later", TestBpmn.chain(TestBpmn.step("notify", "sendWebhook", true, "url", receiver.url("/hook")),
                "notify"));
        String instance = start("notify-later");
        Instant failedBefore = Instant.now();

        engine.runJob(instance);

        ExternalTask call = engine.call(instance);
        assertThat(call.getRetries()).isEqualTo(2);
        assertThat(call.getErrorMessage()).isEqualTo("Send Webhook 'notify': 127.0.0.1 answered 503: busy");
        assertThat(call.getLockExpirationTime()).isAfterOrEqualTo(Date.from(failedBefore.plus(Duration.ofHours(1))));
        assertThat(engine.runCalls()).as("not due before its first wait, PT1H").isZero();

        externalTasks.unlock(call.getId()); // as if the hour had passed
        assertThat(engine.runCalls()).isEqualTo(1);

        assertThat(receiver.requests()).extracting(r -> r.header("X-Replyflow-Delivery"))
                .containsExactly(instance + ":notify:0", instance + ":notify:0");
        assertThat(engine.ended(instance, "end")).isTrue();
    }

    @Test
    void aBpmnErrorNoBoundaryEventCatchesIsAnIncidentAtOnce() {
        receiver.answers(Reply.json(404, "{\"error\":\"no such hook\"}"));
        deploy("notify-uncaught", TestBpmn.chain(TestBpmn.step("notify", "sendWebhook", true, "url", receiver.url("/hook")),
                "notify"));
        String instance = start("notify-uncaught");

        engine.runJob(instance);

        assertThat(runtime.createIncidentQuery().processInstanceId(instance).singleResult().getIncidentMessage())
                .contains("Send Webhook 'notify': 127.0.0.1 answered 404", "webhook-failed");
        assertThat(engine.runCalls()).isZero();
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aNodeThatDiesAfterPlacingTheCallLeavesTheStepToAnotherWithoutASecondCall() throws InterruptedException {
        twilio.on("POST", CALLS_PATH, request -> created());
        String instance = startCall("call-then-die");
        RemoteCallWorker nodeA = dyingNode();
        try {
            assertThat(nodeA.runDue()).isEqualTo(1); // locked, called, recorded the call: then killed before reporting
        } finally {
            nodeA.shutDown();
        }
        assertThat(twilio.requests()).hasSize(1);
        assertThat(engine.call(instance).getWorkerId()).isEqualTo(nodeA.workerId());
        awaitLockLapsed(instance);

        assertThat(engine.runCalls()).isEqualTo(1); // this node takes the step again

        assertThat(twilio.requests()).hasSize(1);
        assertThat(engine.ended(instance, "end")).isTrue();
        assertThat(engine.variables(instance).get("callSid"))
                .isEqualTo(jdbc.queryForObject("select call_sid from voice_call where execution_key = ?", String.class,
                        instance + ":call:0"));
    }

    @Test
    void aNodeThatDiesWaitingForTwilioLeavesAnIncidentNotASecondCall() throws InterruptedException {
        twilio.on("POST", CALLS_PATH, request -> created().after(Duration.ofSeconds(3))); // answers after the timeout
        String instance = startCall("call-die-waiting");
        RemoteCallWorker nodeA = dyingNode();
        try {
            nodeA.runDue(); // asked Twilio, no answer in time: then killed before reporting
        } finally {
            nodeA.shutDown();
        }
        awaitLockLapsed(instance);

        engine.runCalls();

        assertThat(twilio.requests()).hasSize(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).singleResult().getIncidentMessage())
                .contains("never learned whether the call was placed", "Not calling again");
        assertThat(engine.ended(instance, "end")).isFalse();
    }

    @Test
    void aStartedWorkerTakesTheCallsOnItsOwn() throws InterruptedException {
        receiver.answers(Reply.json(200, "{}"));
        deploy("notify-by-itself", TestBpmn.chain(TestBpmn.step("notify", "sendWebhook", true, "url", receiver.url("/hook")),
                "notify"));
        String instance = start("notify-by-itself");
        RemoteCallWorker node = new RemoteCallWorker(externalTasks, runtime, history, reports, transactionManager,
                new CallsProperties(true, 2, Duration.ofMinutes(2), Duration.ofMillis(100)), steps);
        node.start();
        try {
            management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> engine.ended(instance, "end"));
        } finally {
            node.stop();
            node.shutDown();
        }
        assertThat(node.isRunning()).isFalse();
        assertThat(receiver.requests()).hasSize(1);
    }

    /** A second node of the cluster that locks calls for a millisecond, and is killed after each call, before reporting. */
    private RemoteCallWorker dyingNode() {
        CallReports killedBeforeReporting = new CallReports(externalTasks, processEngine) {
            @Override
            void report(LockedExternalTask task, CallOutcome outcome, String workerId) {
                // never reached: the node is gone
            }
        };
        return new RemoteCallWorker(externalTasks, runtime, history, killedBeforeReporting, transactionManager,
                new CallsProperties(false, 1, Duration.ofMillis(1), Duration.ofSeconds(1)), steps);
    }

    private void awaitLockLapsed(String instance) {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.call(instance).getLockExpirationTime().before(new Date()));
    }

    private String startCall(String key) {
        deploy(key, TestBpmn.chain(TestBpmn.step("call", "voiceCall", true, "message", "Ciao"), "call"));
        String instance = start(key);
        management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());
        return instance;
    }

    /** Checked from the remote system's side, while the worker waits for its answer: every pooled connection is free. */
    private Reply whileInFlight(Reply reply) {
        List<Connection> taken = new ArrayList<>();
        try {
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                taken.add(pool.getConnection());
            }
            poolWhileCalled.add("all " + taken.size() + " connections free");
        } catch (SQLException e) {
            poolWhileCalled.add("only " + taken.size() + " of " + POOL + " connections free: " + e.getMessage());
        } finally {
            for (Connection connection : taken) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // back to the pool or gone: either way not held
                }
            }
        }
        return reply;
    }

    /** Twilio's answer to a call it queued. */
    private static Reply created() {
        byte[] sid = new byte[16];
        ThreadLocalRandom.current().nextBytes(sid);
        return Reply.json(201, "{\"sid\":\"CA" + HexFormat.of().formatHex(sid) + "\",\"status\":\"queued\"}");
    }

    private void deploy(String key, String body) {
        engine.deploy(key, TestBpmn.process(key, body));
    }

    private String start(String key) {
        long contact = new Channel(admin()).contact(newPhone(), false);
        return runtime.startProcessInstanceByKey(key, Map.of("contactId", contact)).getId();
    }
}
