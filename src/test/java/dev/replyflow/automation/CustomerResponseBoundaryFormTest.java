package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;

/**
 * The Customer Response in its second form, any activity with a customer-reply boundary event racing a timer boundary
 * event: early replies, late replies and statistics behave as for the receive task.
 */
class CustomerResponseBoundaryFormTest extends ApiTest {

    private static final String KEY = "consider-or-reply";

    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;

    private Channel channel;

    @BeforeEach
    void deploy() {
        channel = new Channel(admin());
        channel.topUp("20");
        String bpmn = Bpmn.process(KEY, """
                <bpmn:startEvent id="start"/>
                %s
                <bpmn:userTask id="consider" camunda:asyncBefore="true"/>
                <bpmn:boundaryEvent id="reply-came" attachedToRef="consider">
                  <bpmn:messageEventDefinition messageRef="reply"/>
                </bpmn:boundaryEvent>
                <bpmn:boundaryEvent id="silence" attachedToRef="consider">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:endEvent id="answered"/><bpmn:endEvent id="silent"/><bpmn:endEvent id="handled"/>
                %s %s %s %s %s
                """.formatted(Bpmn.step("ask", "sendMessage", true, "text", "Shall we book Friday?"),
                Bpmn.flow("start", "ask"), Bpmn.flow("ask", "consider"), Bpmn.flow("reply-came", "answered"),
                Bpmn.flow("silence", "silent"), Bpmn.flow("consider", "handled")));
        var deployed = admin().postFile("/engine-rest/deployment/create?deploy-changed-only=true", KEY + ".bpmn", KEY + ".bpmn",
                bpmn.getBytes(StandardCharsets.UTF_8));
        assertThat(deployed.status()).isEqualTo(200);
    }

    /** Starts it for a contact who wrote first (the window is open) and runs the send: the step now waits. */
    private String waiting(String phone) {
        channel.customerWrites(phone, "hi");
        String instance = admin().post("/api/automations/" + KEY + "/start", "{\"phone\":\"" + phone + "\"}").json()
                .path("processInstanceId").asText();
        runJob(instance); // the send
        runJob(instance); // the step begins
        return instance;
    }

    private void runJob(String instance) {
        management.executeJob(management.createJobQuery().processInstanceId(instance).messages().singleResult().getId());
    }

    private boolean passed(String instance, String activity) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId(activity).count() > 0;
    }

    @Test
    void aReplyTakesTheReplyBoundaryAndSilenceTheTimer() {
        String replies = newPhone();
        String answered = waiting(replies);
        channel.customerWrites(replies, "Yes");
        assertThat(passed(answered, "answered")).isTrue();

        String silentPhone = newPhone();
        String silent = waiting(silentPhone);
        channel.advance("PT61M");
        assertThat(passed(silent, "silent")).isTrue();
        assertThat(passed(silent, "answered")).isFalse();
    }

    @Test
    void aReplyThatArrivesBeforeTheStepBeginsIsNotLost() {
        String phone = newPhone();
        channel.customerWrites(phone, "hi");
        String instance = admin().post("/api/automations/" + KEY + "/start", "{\"phone\":\"" + phone + "\"}").json()
                .path("processInstanceId").asText();
        runJob(instance); // the send

        channel.customerWrites(phone, "Yes, Friday is fine"); // nobody waits yet
        assertThat(passed(instance, "answered")).isFalse();
        runJob(instance); // the step begins and finds the early reply

        assertThat(passed(instance, "answered")).isTrue();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("replyText")
                .singleResult().getValue()).isEqualTo("Yes, Friday is fine");
    }

    @Test
    void aReplyAfterTheTimerIsMarkedLate() {
        String phone = newPhone();
        String instance = waiting(phone);
        channel.advance("PT61M");
        assertThat(passed(instance, "silent")).isTrue();

        channel.customerWrites(phone, "sorry, I was away");

        long contact = admin().get("/api/contacts?phone=" + phone).json().get(0).path("id").asLong();
        JsonNode chat = admin().get("/api/contacts/" + contact + "/messages").json();
        assertThat(chat.get(chat.size() - 1).path("late").asBoolean()).isTrue();
    }

    @Test
    void statisticsCountRepliesAndOnlyFiredTimersAsNoResponse() {
        JsonNode before = step(admin().get("/api/automations/" + KEY + "/statistics").json());
        String replies = newPhone();
        waiting(replies);
        channel.customerWrites(replies, "ok");
        String stoppedPhone = newPhone();
        waiting(stoppedPhone); // then taken out by hand: neither a reply nor a no response
        long stopped = admin().get("/api/contacts?phone=" + stoppedPhone).json().get(0).path("id").asLong();
        admin().post("/api/contacts/" + stopped + "/automations/stop", "{}");
        String silentPhone = newPhone();
        String silent = waiting(silentPhone);
        management.executeJob(management.createJobQuery().processInstanceId(silent).timers().singleResult().getId());

        JsonNode after = step(admin().get("/api/automations/" + KEY + "/statistics").json());

        assertThat(after.path("replied").asLong() - before.path("replied").asLong(0)).isEqualTo(1);
        assertThat(after.path("noResponse").asLong() - before.path("noResponse").asLong(0)).isEqualTo(1);
    }

    private static JsonNode step(JsonNode statistics) {
        for (JsonNode e : statistics) {
            if (e.path("elementId").asText().equals("consider")) {
                return e;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
