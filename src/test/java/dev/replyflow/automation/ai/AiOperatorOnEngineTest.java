package dev.replyflow.automation.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;

/**
 * The AI Operator step on the application's engine, with the built-in knowledge-base answerer: a hand-written
 * automation assigns it, then the customer writes through the sandbox.
 */
class AiOperatorOnEngineTest extends ApiTest {

    private static final String OPERATOR = "aiolivia";
    private static final String HOURS = "We are open Monday to Friday, 9 to 18.";
    private static final String KNOWLEDGE_BASE = """
            opening hours, when are you open => %s
            shipping cost, spedizione => Shipping is free above 50 EUR.""".formatted(HOURS);

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;

    private Channel channel;

    @BeforeEach
    void setUp() {
        channel = new Channel(admin());
        channel.topUp("20");
        if (identity.createUserQuery().userId(OPERATOR).count() == 0) {
            User user = identity.newUser(OPERATOR);
            user.setPassword("aiolivia-secret-1");
            identity.saveUser(user);
        }
        deploy("ai-support", step("knowledgeBase", KNOWLEDGE_BASE, "minConfidence", "0.6", "operators", OPERATOR));
    }

    private void deploy(String id, String step) {
        repository.createDeployment().name(id).enableDuplicateFiltering(true).addString(id + ".bpmn", process(id, step)).deploy();
    }

    private static String process(String id, String step) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ai"/>
                    %s
                    <bpmn:sequenceFlow id="f2" sourceRef="ai" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(id, step);
    }

    /** The AI Operator step (id "ai") with its input parameters as name, value pairs. */
    private static String step(String... parameters) {
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            inputs.append("<camunda:inputParameter name=\"").append(parameters[i]).append("\">").append(parameters[i + 1])
                    .append("</camunda:inputParameter>");
        }
        return "<bpmn:serviceTask id=\"ai\" name=\"AI Operator\" camunda:delegateExpression=\"${aiOperator}\">"
                + "<bpmn:extensionElements><camunda:inputOutput>" + inputs + "</camunda:inputOutput></bpmn:extensionElements>"
                + "</bpmn:serviceTask>";
    }

    /** A contact that has the AI operator, assigned by the automation. */
    private long contactWithAiOperator(String phone) {
        long contact = channel.contact(phone, false);
        runtime.startProcessInstanceByKey("ai-support", phone, Map.of("contactId", contact));
        assertThat(hasAiOperator(contact)).isTrue();
        return contact;
    }

    private boolean hasAiOperator(long contact) {
        return jdbc.queryForObject("select count(*) from ai_operator where contact_id = ?", Long.class, contact) == 1;
    }

    private List<String> outbound(long contact) {
        JsonNode messages = admin().get("/api/contacts/" + contact + "/messages").json();
        assertThat(messages.isArray()).isTrue();
        return java.util.stream.StreamSupport.stream(messages.spliterator(), false)
                .filter(m -> m.path("direction").asText().equals("OUTBOUND")).map(m -> m.path("text").asText()).toList();
    }

    private JsonNode contact(long id) {
        return admin().get("/api/contacts/" + id).json();
    }

    @Autowired
    AiOperatorReplies aiReplies;

    /** The customer writes; the AI operator answers on its own threads, after the message is stored. */
    private void writes(String phone, String text) {
        channel.customerWrites(phone, text);
        org.awaitility.Awaitility.await().until(aiReplies::idle);
    }

    private List<String> notes(long contact) {
        return admin().get("/api/contacts/" + contact + "/notes").json().findValuesAsText("text");
    }

    @Test
    void theStepStoresItsSettingsAndTheAnswerGoesOutAsFreeText() {
        String phone = newPhone();
        long contact = contactWithAiOperator(phone);
        Map<String, Object> row = jdbc.queryForMap("select * from ai_operator where contact_id = ?", contact);
        assertThat(row.get("KNOWLEDGE_BASE")).isEqualTo(KNOWLEDGE_BASE);
        assertThat(row.get("HANDOVER_KEYWORDS")).isEqualTo("operator\nhuman\nagent\noperatore\npersona");
        assertThat(((Number) row.get("MIN_CONFIDENCE")).doubleValue()).isEqualTo(0.6);
        assertThat(row.get("OPERATORS")).isEqualTo(OPERATOR);
        assertThat(row.get("ASSIGNED_AT")).isNotNull();

        writes(phone, "Hello! What are your opening hours?");

        assertThat(outbound(contact)).containsExactly(HOURS);
        assertThat(contact(contact).path("unread").asBoolean()).isFalse(); // the AI took care of it
        assertThat(notes(contact)).isEmpty();

        writes(phone, "E la spedizione?");
        assertThat(outbound(contact)).containsExactly(HOURS, "Shipping is free above 50 EUR.");
        assertThat(hasAiOperator(contact)).isTrue();
    }

    @Test
    void aHandoverKeywordHandsTheChatToTheOperatorsAndTheAiFallsSilent() {
        String phone = newPhone();
        long contact = contactWithAiOperator(phone);

        writes(phone, "Posso parlare con una persona?");

        JsonNode view = contact(contact);
        assertThat(view.path("unread").asBoolean()).isTrue();
        assertThat(view.path("operators").toString()).contains(OPERATOR);
        assertThat(notes(contact)).containsExactly("AI operator handed over: the customer asked for a person (\"persona\")");
        assertThat(outbound(contact)).isEmpty();
        assertThat(hasAiOperator(contact)).isFalse();

        writes(phone, "What are your opening hours?");
        assertThat(outbound(contact)).isEmpty();
        assertThat(notes(contact)).hasSize(1);
    }

    @Test
    void aQuestionTheKnowledgeBaseCannotAnswerConfidentlyHandsOver() {
        String phone = newPhone();
        long contact = contactWithAiOperator(phone);

        writes(phone, "Do you sell gift cards?");

        assertThat(outbound(contact)).isEmpty();
        assertThat(contact(contact).path("unread").asBoolean()).isTrue();
        assertThat(contact(contact).path("operators").toString()).contains(OPERATOR);
        assertThat(notes(contact)).containsExactly("AI operator handed over: no confident answer (confidence 0.00, minimum 0.60)");

        String other = newPhone();
        long partly = contactWithAiOperator(other);
        writes(other, "hours?"); // half of "opening hours": below 0.6
        assertThat(notes(partly)).containsExactly("AI operator handed over: no confident answer (confidence 0.50, minimum 0.60)");
    }

    @Test
    void aBlockedContactGetsNoAnswerAndNoHandover() {
        String phone = newPhone();
        long contact = contactWithAiOperator(phone);
        assertThat(admin().patch("/api/contacts/" + contact, "{\"blocked\":true}").status()).isEqualTo(200);

        writes(phone, "What are your opening hours? I want an operator");

        assertThat(admin().get("/api/contacts/" + contact + "/messages").json().findValuesAsText("text"))
                .containsExactly("What are your opening hours? I want an operator"); // stored, unanswered
        assertThat(notes(contact)).isEmpty();
        assertThat(contact(contact).path("operators").size()).isZero();
    }

    @Test
    void contactsWithoutAnAiOperatorAreLeftAlone() {
        String phone = newPhone();
        long contact = channel.contact(phone, false);

        writes(phone, "What are your opening hours? I want an operator");

        assertThat(outbound(contact)).isEmpty();
        assertThat(notes(contact)).isEmpty();
        assertThat(contact(contact).path("operators").size()).isZero();
    }

    @Test
    void deletingTheContactDeletesItsAiOperator() {
        long contact = contactWithAiOperator(newPhone());

        assertThat(admin().delete("/api/contacts/" + contact).status()).isEqualTo(204);

        assertThat(hasAiOperator(contact)).isFalse();
    }

    @Test
    void misconfiguredStepsAreRefused() {
        // at deploy time, by the catalogue's validation
        assertThatThrownBy(() -> deploy("ai-typo", step("knowledgeBse", "a => b")))
                .hasMessageContaining("AI Operator 'ai' has an unknown parameter 'knowledgeBse'");
        // at run time, before anything is assigned
        deploy("ai-bad-line", step("knowledgeBase", "a sentence without an answer"));
        deploy("ai-bad-operator", step("operators", "nobody-such"));
        String phone = newPhone();
        long contact = channel.contact(phone, false);
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("ai-bad-line", phone, Map.of("contactId", contact)))
                .hasMessageContaining("knowledgeBase line 1 'a sentence without an answer' is not 'question keywords => answer'");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("ai-bad-operator", phone, Map.of("contactId", contact)))
                .hasMessageContaining("no user named 'nobody-such'");
        assertThat(hasAiOperator(contact)).isFalse();
    }
}
