package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;

/** Each step's paths: one step between a start and an end, with a catch-all error boundary recording the code. */
class StepPathsTest extends ApiTest {

    private static final AtomicInteger PROCESSES = new AtomicInteger();

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;

    private Channel channel;

    @BeforeEach
    void setUp() {
        channel = new Channel(admin());
        channel.topUp("20");
        channel.template("promo_news", "MARKETING");
    }

    private record Outcome(String path, String errorCode, String instance) {
    }

    /** Runs one step for the contact; path "done", or "failed" with the BPMN error code. */
    private Outcome run(long contactId, String phone, String delegate, boolean async, String... parameters) {
        String key = "step-path-" + PROCESSES.incrementAndGet();
        repository.createDeployment().addString(key + ".bpmn", Bpmn.process(key, """
                <bpmn:startEvent id="start"/>
                %s
                <bpmn:boundaryEvent id="error" attachedToRef="step">
                  <bpmn:errorEventDefinition camunda:errorCodeVariable="errorCode"/>
                </bpmn:boundaryEvent>
                <bpmn:endEvent id="done"/><bpmn:endEvent id="failed"/>
                %s %s %s
                """.formatted(Bpmn.step("step", delegate, async, parameters), Bpmn.flow("start", "step"),
                Bpmn.flow("step", "done"), Bpmn.flow("error", "failed")))).deploy();
        String instance = runtime.startProcessInstanceByKey(key, phone, Map.of("contactId", contactId, "contactPhone", phone)).getId();
        management.createJobQuery().processInstanceId(instance).list().forEach(job -> management.executeJob(job.getId()));
        String path = history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("failed").count() > 0
                ? "failed" : history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("done").count() > 0
                        ? "done" : "stuck";
        var error = history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("errorCode").singleResult();
        return new Outcome(path, error == null ? null : (String) error.getValue(), instance);
    }

    private record Customer(String phone, long id) {
    }

    private Customer customer() {
        String phone = newPhone();
        return new Customer(phone, channel.contact(phone, true));
    }

    private JsonNode contact(Customer c) {
        return admin().get("/api/contacts/" + c.id()).json();
    }

    @Test
    void tagsListsAndFields() {
        Customer c = customer();
        assertThat(run(c.id(), c.phone(), "addTag", false, "tag", "temp").path()).isEqualTo("done");
        assertThat(run(c.id(), c.phone(), "removeTag", false, "tag", "temp").path()).isEqualTo("done");
        assertThat(contact(c).path("tags")).isEmpty();

        Outcome noList = run(c.id(), c.phone(), "addToList", false, "list", "no-such-list");
        assertThat(noList.path()).isEqualTo("failed");
        assertThat(noList.errorCode()).isEqualTo("unknown-list");

        admin().post("/api/fields", "{\"name\":\"visits\",\"type\":\"NUMBER\"}");
        assertThat(run(c.id(), c.phone(), "fillContactField", false, "field", "visits", "value", "3").path()).isEqualTo("done");
        assertThat(contact(c).path("fields").path("visits").asInt()).isEqualTo(3);
        assertThat(run(c.id(), c.phone(), "fillContactField", false, "field", "visits", "value", "three").errorCode())
                .isEqualTo("invalid-field-value");
        assertThat(run(c.id(), c.phone(), "fillContactField", false, "field", "name", "value", "Marta").path()).isEqualTo("done");
        assertThat(contact(c).path("name").asText()).isEqualTo("Marta");
    }

    @Test
    void consentBlockingAndOperators() {
        Customer c = customer();
        assertThat(run(c.id(), c.phone(), "marketingConsent", false, "consent", "revoked").path()).isEqualTo("done");
        assertThat(contact(c).path("marketingConsent").asBoolean()).isFalse();

        run(c.id(), c.phone(), "blockContact", false);
        assertThat(contact(c).path("blocked").asBoolean()).isTrue();
        run(c.id(), c.phone(), "unblockContact", false);
        assertThat(contact(c).path("blocked").asBoolean()).isFalse();

        assertThat(run(c.id(), c.phone(), "addOperators", false, "operators", "admin").path()).isEqualTo("done");
        assertThat(contact(c).path("operators").toString()).contains("admin");
        assertThat(run(c.id(), c.phone(), "addOperators", false, "operators", "nobody-here").errorCode()).isEqualTo("unknown-operator");
        run(c.id(), c.phone(), "removeOperators", false, "operators", "admin");
        assertThat(contact(c).path("operators")).isEmpty();
    }

    @Test
    void ticketsOpenAndUpdate() {
        Customer c = customer();
        assertThat(run(c.id(), c.phone(), "updateTicket", false, "status", "CLOSED").errorCode()).isEqualTo("no-ticket");
        run(c.id(), c.phone(), "openTicket", false, "subject", "Broken item");
        assertThat(run(c.id(), c.phone(), "updateTicket", false, "status", "PENDING", "priority", "URGENT").path()).isEqualTo("done");
        JsonNode ticket = admin().get("/api/tickets?contactId=" + c.id()).json().get(0);
        assertThat(ticket.path("status").asText()).isEqualTo("PENDING");
        assertThat(ticket.path("priority").asText()).isEqualTo("URGENT");
    }

    @Test
    void startAndStopAutomations() {
        Customer c = customer();
        Outcome started = run(c.id(), c.phone(), "startAutomation", false, "automation", "welcome-reply");
        assertThat(started.path()).isEqualTo("done");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("welcome-reply").processInstanceBusinessKey(c.phone())
                .count()).isEqualTo(1);
        String other = runtime.startProcessInstanceByKey("no-response-reminder", c.phone(),
                Map.of("contactId", c.id(), "contactPhone", c.phone())).getId();

        run(c.id(), c.phone(), "stopAutomations", false, "automations", "welcome-reply");

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("welcome-reply").processInstanceBusinessKey(c.phone())
                .count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(other).count()).isEqualTo(1);
        run(c.id(), c.phone(), "stopAutomations", false);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(other).count()).isZero();
    }

    @Test
    void sendMessageRefusalsAreBpmnErrorsWithTheirCodes() {
        String phone = newPhone();
        long noConsent = channel.contact(phone, false);
        assertThat(run(noConsent, phone, "sendMessage", true, "template", "promo_news", "parameters", "x").errorCode())
                .isEqualTo("no-marketing-consent");

        Customer blocked = customer();
        admin().patch("/api/contacts/" + blocked.id(), "{\"blocked\":true}");
        assertThat(run(blocked.id(), blocked.phone(), "sendMessage", true, "template", "promo_news", "parameters", "x").errorCode())
                .isEqualTo("contact-blocked");

        Customer poor = customer();
        jdbcEmptyWallet();
        assertThat(run(poor.id(), poor.phone(), "sendMessage", true, "template", "promo_news", "parameters", "x").errorCode())
                .isEqualTo("insufficient-credit");
        channel.topUp("20");
        assertThat(run(poor.id(), poor.phone(), "sendMessage", true, "template", "promo_news", "parameters", "x").path())
                .isEqualTo("done");
    }

    @Test
    void branchRunsItsPathsInParallelAndJoinsThem() {
        Customer c = customer();
        String key = "branch-" + PROCESSES.incrementAndGet();
        repository.createDeployment().addString(key + ".bpmn", Bpmn.process(key, """
                <bpmn:startEvent id="start"/>
                <bpmn:parallelGateway id="split"/>
                %s %s
                <bpmn:parallelGateway id="join"/>
                <bpmn:endEvent id="end"/>
                %s %s %s %s %s %s
                """.formatted(Bpmn.step("tag-a", "addTag", false, "tag", "path-a"), Bpmn.step("tag-b", "addTag", false, "tag", "path-b"),
                Bpmn.flow("start", "split"), Bpmn.flow("split", "tag-a"), Bpmn.flow("split", "tag-b"), Bpmn.flow("tag-a", "join"),
                Bpmn.flow("tag-b", "join"), Bpmn.flow("join", "end")))).deploy();

        String instance = runtime.startProcessInstanceByKey(key, c.phone(), Map.of("contactId", c.id())).getId();

        assertThat(contact(c).path("tags").toString()).contains("path-a").contains("path-b");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("end").count()).isEqualTo(1);
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private void jdbcEmptyWallet() {
        jdbc.update("update wallet_lane set balance = 0");
    }
}
