package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;

/** A contact's automations: where each waits, taking contacts out, and a list of those waiting at a step. */
class ContactAutomationsTest extends ApiTest {

    private static final java.util.concurrent.atomic.AtomicInteger RUN = new java.util.concurrent.atomic.AtomicInteger();

    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;

    private Channel channel;

    @BeforeEach
    void setUp() {
        channel = new Channel(admin());
        repository.createDeployment().enableDuplicateFiltering(true).addString("follow-up.bpmn", Bpmn.process("follow-up",
                "<bpmn:startEvent id=\"start\"/><bpmn:userTask id=\"call-back\"/><bpmn:endEvent id=\"end\"/>"
                        + Bpmn.flow("start", "call-back") + Bpmn.flow("call-back", "end"))).deploy();
    }

    private long contactIn(String... keys) {
        String phone = newPhone();
        long id = channel.contact(phone, false);
        for (String key : keys) {
            runtime.startProcessInstanceByKey(key, phone, Map.of("contactId", id, "contactPhone", phone));
        }
        return id;
    }

    private JsonNode automations(long contact) {
        return admin().get("/api/contacts/" + contact + "/automations").json();
    }

    @Test
    void aContactsAutomationsShowWhereEachWaitsAndStopEndsChosenOnesOrAll() {
        long contact = contactIn("welcome-reply", "follow-up");

        JsonNode running = automations(contact);
        assertThat(running.findValuesAsText("processKey")).containsExactlyInAnyOrder("welcome-reply", "follow-up");
        for (JsonNode r : running) {
            assertThat(r.path("processInstanceId").asText()).isNotBlank();
            assertThat(r.path("startedAt").asText()).isNotBlank();
            assertThat(r.path("activityIds").get(0).asText())
                    .isEqualTo(r.path("processKey").asText().equals("follow-up") ? "call-back" : "wait-reply");
        }

        var chosen = admin().post("/api/contacts/" + contact + "/automations/stop", "{\"processKeys\":[\"welcome-reply\"]}");
        assertThat(chosen.status()).isEqualTo(200);
        assertThat(chosen.json().path("stopped").asInt()).isEqualTo(1);
        assertThat(automations(contact).findValuesAsText("processKey")).containsExactly("follow-up");

        assertThat(admin().post("/api/contacts/" + contact + "/automations/stop", "{}").json().path("stopped").asInt()).isEqualTo(1);
        assertThat(automations(contact).size()).isZero();
        assertThat(admin().get("/api/contacts/999999999/automations").status()).isEqualTo(404);
    }

    @Test
    void anAutomationStopsForTheChosenContactsOnly() {
        long first = contactIn("follow-up", "welcome-reply");
        long second = contactIn("follow-up");
        long untouched = contactIn("follow-up");

        var stopped = admin().post("/api/automations/follow-up/stop", "{\"contactIds\":[" + first + "," + second + "]}");

        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("stopped").asInt()).isEqualTo(2);
        assertThat(automations(first).findValuesAsText("processKey")).containsExactly("welcome-reply");
        assertThat(automations(second).size()).isZero();
        assertThat(automations(untouched).size()).isEqualTo(1);
        assertThat(admin().post("/api/automations/follow-up/stop", "{}").json().path("field").asText()).isEqualTo("contactIds");
        assertThat(admin().post("/api/automations/no-such/stop", "{\"contactIds\":[" + first + "]}").status()).isEqualTo(404);
    }

    @Test
    void theContactsWaitingAtAStepBecomeAList() {
        long waiting = contactIn("follow-up");
        long alsoWaiting = contactIn("follow-up");
        long gone = contactIn("follow-up");
        admin().post("/api/contacts/" + gone + "/automations/stop", "{}");
        String name = "waiting at call-back " + RUN.incrementAndGet() + " " + newPhone();

        var list = admin().post("/api/automations/follow-up/elements/call-back/list", "{\"name\":\"" + name + "\"}");

        assertThat(list.status()).isEqualTo(201);
        assertThat(list.json().path("name").asText()).isEqualTo(name);
        assertThat(list.json().path("size").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(admin().get("/api/contacts/" + waiting).json().path("lists").toString()).contains(name);
        assertThat(admin().get("/api/contacts/" + alsoWaiting).json().path("lists").toString()).contains(name);
        assertThat(admin().get("/api/contacts/" + gone).json().path("lists").toString()).doesNotContain(name);
        assertThat(admin().post("/api/automations/follow-up/elements/nowhere/list", "{\"name\":\"x" + name + "\"}").status())
                .isEqualTo(404);
    }
}
