package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.messaging.InboundMessageReceived;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;

/**
 * The Customer Response step, hand-written against the contract, deployed through REST and played in the
 * sandbox: a reply takes the default path, silence plus the clock the No Response path, a late reply is ignored.
 */
class CustomerResponseTest extends ApiTest {

    private static final String PROCESS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://example.com/analyst">
              <bpmn:message id="m" name="customer-reply"/>
              <bpmn:process id="ask-and-wait" isExecutable="true" camunda:historyTimeToLive="P30D">
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
                <bpmn:receiveTask id="wait" name="Customer Response" messageRef="m"/>
                <bpmn:boundaryEvent id="no-response" attachedToRef="wait">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="tag-replied"/>
                <bpmn:serviceTask id="tag-replied" camunda:delegateExpression="${addTag}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="tag">replied</camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="f3" sourceRef="tag-replied" targetRef="replied"/>
                <bpmn:endEvent id="replied"/>
                <bpmn:sequenceFlow id="f4" sourceRef="no-response" targetRef="silent"/>
                <bpmn:endEvent id="silent"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    ReplyCorrelation correlation;

    private Channel channel;

    @BeforeEach
    void deployThroughRest() {
        channel = new Channel(admin());
        var deployed = admin().postFile("/engine-rest/deployment/create?deploy-changed-only=true", "ask-and-wait.bpmn",
                "ask-and-wait.bpmn", PROCESS.getBytes(StandardCharsets.UTF_8));
        assertThat(deployed.status()).isEqualTo(200);
    }

    private String start(String phone) {
        var started = admin().post("/api/automations/ask-and-wait/start", "{\"phone\":\"" + phone + "\"}");
        assertThat(started.status()).isEqualTo(201);
        return started.json().path("processInstanceId").asText();
    }

    private boolean passed(String instance, String activity) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId(activity).count() > 0;
    }

    @Test
    void aReplyTakesTheDefaultPathWithTheReplyAsVariables() {
        String phone = newPhone();
        String instance = start(phone);

        admin().post("/api/sandbox/inbound", "{\"from\":\"" + phone + "\",\"buttonPayload\":\"YES\",\"text\":\"Yes please\"}");

        assertThat(passed(instance, "replied")).isTrue();
        assertThat(passed(instance, "silent")).isFalse();
        var variables = history.createHistoricVariableInstanceQuery().processInstanceId(instance).list();
        assertThat(variables).anyMatch(v -> v.getName().equals("replyText") && "Yes please".equals(v.getValue()));
        assertThat(variables).anyMatch(v -> v.getName().equals("replyPayload") && "YES".equals(v.getValue()));
        assertThat(variables).anyMatch(v -> v.getName().equals("replyMessageId") && String.valueOf(v.getValue()).startsWith("wamid."));
        JsonNode contact = admin().get("/api/contacts?phone=" + phone).json().get(0);
        assertThat(contact.path("tags").toString()).contains("replied");
        assertThat(admin().get("/api/contacts/" + contact.path("id").asLong() + "/messages").json().findValuesAsText("late"))
                .containsOnly("false");

        channel.advance("PT2H"); // the timer went with the step: nothing more happens
        assertThat(passed(instance, "silent")).isFalse();
    }

    @Test
    void statisticsCountWaitingAndPassedContactsAndTheReplyRate() {
        String replies = newPhone();
        start(replies);
        admin().post("/api/sandbox/inbound", "{\"from\":\"" + replies + "\",\"text\":\"ok\"}");
        String silent = newPhone();
        String timedOut = start(silent);
        String waiting = start(newPhone());
        management.executeJob(management.createJobQuery().processInstanceId(timedOut).timers().singleResult().getId());

        JsonNode statistics = admin().get("/api/automations/ask-and-wait/statistics").json();

        JsonNode wait = java.util.stream.StreamSupport.stream(statistics.spliterator(), false)
                .filter(e -> e.path("elementId").asText().equals("wait")).findFirst().orElseThrow();
        assertThat(wait.path("active").asLong()).isGreaterThanOrEqualTo(1);   // at least this test's waiting contact
        assertThat(wait.path("replied").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(wait.path("noResponse").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(wait.path("completed").asLong()).isEqualTo(wait.path("replied").asLong() + wait.path("noResponse").asLong());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(waiting).count()).isEqualTo(1);
        assertThat(admin().get("/api/automations/no-such-automation/statistics").status()).isEqualTo(404);
    }

    @Test
    void anExternalSystemHandsOverAReplyThroughCamundasRestApi() {
        String phone = newPhone();
        String instance = start(phone);

        var correlated = admin().post("/engine-rest/message", """
                {"messageName":"customer-reply","businessKey":"%s","all":true,
                 "processVariables":{"replyText":{"value":"yes","type":"String"}}}""".formatted(phone));

        assertThat(correlated.status()).isIn(200, 204);
        assertThat(passed(instance, "replied")).isTrue();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("replyText")
                .singleResult().getValue()).isEqualTo("yes");
    }

    @Test
    void silenceAndTheClockTakeTheNoResponsePathAndALateReplyIsIgnored() {
        String phone = newPhone();
        String instance = start(phone);

        channel.advance("PT61M");
        assertThat(passed(instance, "silent")).isTrue();

        admin().post("/api/sandbox/inbound", "{\"from\":\"" + phone + "\",\"text\":\"sorry, I was away\"}");

        assertThat(passed(instance, "replied")).isFalse();
        assertThat(admin().get("/api/contacts?phone=" + phone).json().get(0).path("tags").toString()).doesNotContain("replied");
        long contact = admin().get("/api/contacts?phone=" + phone).json().get(0).path("id").asLong();
        JsonNode chat = admin().get("/api/contacts/" + contact + "/messages").json();
        JsonNode late = chat.get(chat.size() - 1);
        assertThat(late.path("text").asText()).isEqualTo("sorry, I was away");
        assertThat(late.path("late").asBoolean()).isTrue();
        assertThat(admin().get("/api/contacts/" + contact).json().path("lastLateReplyAt").isTextual()).isTrue();

        admin().post("/api/sandbox/inbound", "{\"from\":\"" + phone + "\",\"text\":\"one more thing\"}");
        JsonNode after = admin().get("/api/contacts/" + contact + "/messages").json();
        assertThat(after.get(after.size() - 1).path("late").asBoolean()).isFalse(); // only the first answer is late
    }

    @Test
    void aReplyThatArrivesBeforeTheAutomationWaitsIsNotLost() {
        // send, then (in its own job) the wait: the customer answers in between, when nobody waits yet
        String key = "send-then-wait";
        admin().postFile("/engine-rest/deployment/create?deploy-changed-only=true", key + ".bpmn", key + ".bpmn",
                Bpmn.process(key, """
                        <bpmn:startEvent id="start"/>
                        %s
                        <bpmn:receiveTask id="wait" messageRef="reply" camunda:asyncBefore="true"/>
                        <bpmn:boundaryEvent id="silence" attachedToRef="wait">
                          <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                        </bpmn:boundaryEvent>
                        <bpmn:endEvent id="answered"/><bpmn:endEvent id="silent"/>
                        %s %s %s %s
                        """.formatted(Bpmn.step("ask", "sendMessage", true, "text", "Shall we book Friday?"),
                        Bpmn.flow("start", "ask"), Bpmn.flow("ask", "wait"), Bpmn.flow("wait", "answered"),
                        Bpmn.flow("silence", "silent"))).getBytes(StandardCharsets.UTF_8));
        channel.topUp("20");
        String phone = newPhone();
        channel.customerWrites(phone, "hi"); // opens the window for the free text
        String own = admin().post("/api/automations/" + key + "/start", "{\"phone\":\"" + phone + "\"}").json()
                .path("processInstanceId").asText();
        management.executeJob(management.createJobQuery().processInstanceId(own).singleResult().getId()); // the send

        channel.customerWrites(phone, "Yes, Friday is fine");
        assertThat(passed(own, "answered")).isFalse();
        management.executeJob(management.createJobQuery().processInstanceId(own).messages().singleResult().getId()); // the wait

        assertThat(passed(own, "answered")).isTrue();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(own).variableName("replyText").singleResult()
                .getValue()).isEqualTo("Yes, Friday is fine");
    }

    @Test
    void aReplyToTheCallersMessageThatArrivesBeforeACalledAutomationWaitsIsHandedToIt() {
        // the caller sends, then calls an automation that waits: the customer answers before that one waits
        var child = admin().postFile("/engine-rest/deployment/create?deploy-changed-only=true", "early-child.bpmn", "early-child.bpmn",
                Bpmn.process("early-child", """
                        <bpmn:startEvent id="start"/>
                        <bpmn:receiveTask id="wait" messageRef="reply"/>
                        <bpmn:boundaryEvent id="silence" attachedToRef="wait">
                          <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                        </bpmn:boundaryEvent>
                        <bpmn:endEvent id="answered"/><bpmn:endEvent id="silent"/>
                        %s %s %s
                        """.formatted(Bpmn.flow("start", "wait"), Bpmn.flow("wait", "answered"), Bpmn.flow("silence", "silent")))
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(child.status()).as(child.body()).isEqualTo(200);
        admin().postFile("/engine-rest/deployment/create?deploy-changed-only=true", "early-caller.bpmn", "early-caller.bpmn",
                Bpmn.process("early-caller", """
                        <bpmn:startEvent id="start"/>
                        %s
                        <bpmn:callActivity id="call" calledElement="early-child" camunda:asyncBefore="true">
                          <bpmn:extensionElements><camunda:in businessKey="#{execution.processBusinessKey}"/></bpmn:extensionElements>
                        </bpmn:callActivity>
                        <bpmn:endEvent id="done"/>
                        %s %s %s
                        """.formatted(Bpmn.step("ask", "sendMessage", true, "text", "Shall we book Friday?"),
                        Bpmn.flow("start", "ask"), Bpmn.flow("ask", "call"), Bpmn.flow("call", "done"))).getBytes(StandardCharsets.UTF_8));
        channel.topUp("20");
        String phone = newPhone();
        channel.customerWrites(phone, "hi"); // opens the window for the free text
        String caller = admin().post("/api/automations/early-caller/start", "{\"phone\":\"" + phone + "\"}").json()
                .path("processInstanceId").asText();
        management.executeJob(management.createJobQuery().processInstanceId(caller).singleResult().getId()); // the send

        channel.customerWrites(phone, "Yes, Friday is fine");
        management.executeJob(management.createJobQuery().processInstanceId(caller).singleResult().getId()); // the call

        assertThat(passed(caller, "done")).as("the called automation took the reply and ended").isTrue();
        String called = history.createHistoricProcessInstanceQuery().superProcessInstanceId(caller).singleResult().getId();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(called).variableName("replyText")
                .singleResult().getValue()).isEqualTo("Yes, Friday is fine");
    }

    @Test
    void whenReplyAndTimerRaceExactlyOnePathIsTaken() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String phone = newPhone();
                String instance = start(phone);
                String wamid = "wamid.race-" + round;
                // make the timer due without running it, then fire the timer job and the reply at the same moment
                String job = management.createJobQuery().processInstanceId(instance).timers().singleResult().getId();
                management.setJobDuedate(job, java.util.Date.from(Instant.now().minusSeconds(1)));
                CountDownLatch go = new CountDownLatch(1);
                Future<?> timer = threads.submit(() -> {
                    go.await();
                    try {
                        management.executeJob(job);
                    } catch (RuntimeException lostTheRace) {
                        // the reply committed first: the job's retry finds nothing left to do
                    }
                    return null;
                });
                Future<Integer> reply = threads.submit(() -> {
                    go.await();
                    return correlation.correlate(new InboundMessageReceived(null, null, phone, wamid, "text", "hi", null));
                });
                go.countDown();
                timer.get(20, TimeUnit.SECONDS);
                reply.get(20, TimeUnit.SECONDS);

                List<String> ends = history.createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
                        .map(a -> a.getActivityId()).filter(id -> id.equals("replied") || id.equals("silent")).toList();
                assertThat(ends).as("round " + round).hasSize(1);
                assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
