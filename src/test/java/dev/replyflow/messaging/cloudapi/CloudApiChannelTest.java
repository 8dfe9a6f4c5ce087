package dev.replyflow.messaging.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;
import dev.replyflow.support.TestBpmn;
import dev.replyflow.support.Webhooks;

/**
 * The whole channel with provider cloud-api, over real HTTP to a local stand-in of the Cloud API: what goes out,
 * a refusal (failed, refunded), a rate limit (pending, then sent once and charged once under the same key).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "replyflow.whatsapp.provider=cloud-api",
        "replyflow.whatsapp.cloud-api.phone-number-id=106540352242922",
        "replyflow.whatsapp.cloud-api.access-token=test-access-token",
        "spring.datasource.url=jdbc:h2:mem:replyflow-cloud-api;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true"}) // its own name: engines register by name JVM-wide
@DirtiesContext
class CloudApiChannelTest extends ApiTest {

    private static final StubCloudApiServer STUB = start();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPTED = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
            + "\"messages\":[{\"id\":\"wamid.cloud-%s\"}]}";

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

    private Channel channel;

    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.RepositoryService repository;

    @org.springframework.beans.factory.annotation.Autowired
    dev.replyflow.support.Background background;

    @BeforeEach
    void setUp() {
        channel = new Channel(admin());
        channel.topUp("20");
    }

    /** A contact who wrote to us a moment ago, through the signed webhook. */
    private long contactInWindow(String phone) {
        assertThat(deliverWhatsApp(Webhooks.textFrom(phone, "wamid.in-" + phone, "Hi")).status()).isEqualTo(200);
        return admin().get("/api/contacts?phone=" + phone).json().get(0).path("id").asLong();
    }

    @Test
    void aTextGoesToTheCloudApiAndKeepsItsWamid() throws Exception {
        String phone = newPhone();
        long contact = contactInWindow(phone);
        STUB.answerJson(200, ACCEPTED.formatted("text"));
        int before = STUB.requests().size();

        Response sent = channel.sendText(contact, "Your order has shipped");

        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().path("waMessageId").asText()).isEqualTo("wamid.cloud-text");
        assertThat(sent.json().path("status").asText()).isEqualTo("SENT");
        var request = STUB.requests().get(before);
        assertThat(request.path()).isEqualTo("/v21.0/106540352242922/messages");
        assertThat(request.header("Authorization")).isEqualTo("Bearer test-access-token");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("to").asText()).isEqualTo(phone.substring(1));
        assertThat(body.path("text").path("body").asText()).isEqualTo("Your order has shipped");
    }

    @Test
    void templatesWaitForApprovalAndAreFilledPerContact() throws Exception {
        String phone = newPhone();
        long contact = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"name\":\"Lucia\"}").json().path("id").asLong();
        long template = admin().post("/api/templates", "{\"name\":\"shipping_notice\",\"language\":\"it\",\"category\":\"UTILITY\","
                + "\"body\":\"Ciao {{1}}, il tuo ordine {{2}} è partito\"}").json().path("id").asLong();
        String send = "{\"template\":\"shipping_notice\",\"parameters\":[\"{{contact.name}}\",\"A-77\"]}";

        Response pending = admin().post("/api/contacts/" + contact + "/messages", send);
        assertThat(pending.status()).isEqualTo(409);
        assertThat(pending.json().path("detail").asText()).contains("PENDING");

        admin().patch("/api/templates/" + template, "{\"status\":\"APPROVED\"}");
        STUB.answerJson(200, ACCEPTED.formatted("template"));
        int before = STUB.requests().size();
        Response sent = admin().post("/api/contacts/" + contact + "/messages", send);

        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().path("text").asText()).isEqualTo("Ciao Lucia, il tuo ordine A-77 è partito");
        JsonNode body = JSON.readTree(STUB.requests().get(before).body());
        assertThat(body.path("template").path("name").asText()).isEqualTo("shipping_notice");
        assertThat(body.path("template").path("components").get(0).path("parameters").findValuesAsText("text"))
                .containsExactly("Lucia", "A-77");
    }

    @Test
    void aRefusedMessageIsFailedWithItsCodeAndItsChargeGivenBack() {
        long contact = contactInWindow(newPhone());
        BigDecimal before = channel.balance();
        STUB.answerJson(400, "{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"type\":\"OAuthException\","
                + "\"code\":131026,\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Receiver is incapable of "
                + "receiving this message\"},\"fbtrace_id\":\"AbC\"}}");

        Response refused = channel.sendText(contact, "Hello?");

        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.json().path("detail").asText()).contains("131026");
        JsonNode chat = admin().get("/api/contacts/" + contact + "/messages").json();
        JsonNode outbound = chat.get(chat.size() - 1);
        assertThat(outbound.path("status").asText()).isEqualTo("FAILED");
        assertThat(outbound.path("errorCode").asInt()).isEqualTo(131026);
        assertThat(channel.balance()).isEqualByComparingTo(before);
        assertThat(channel.conversations(contact)).isEmpty();
    }

    @Test
    void aRateLimitedMessageStaysPendingAndIsSentAndChargedOnceUnderTheSameKey() {
        long contact = contactInWindow(newPhone());
        BigDecimal before = channel.balance();
        String path = "/api/contacts/" + contact + "/messages";
        byte[] body = "{\"text\":\"Your code is ready\"}".getBytes();
        var key = java.util.Map.of("Idempotency-Key", "order-77-ready");
        int requestsBefore = STUB.requests().size();

        STUB.answerJson(400, "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\",\"code\":130429,"
                + "\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Cloud API message throughput has been reached.\"}}}");
        Response limited = admin().post(path, "application/json", body, key);
        assertThat(limited.status()).isEqualTo(503);
        JsonNode pending = admin().get(path).json();
        assertThat(pending.get(pending.size() - 1).path("status").asText()).isEqualTo("PENDING");

        STUB.answerJson(200, ACCEPTED.formatted("retried"));
        Response retried = admin().post(path, "application/json", body, key);
        Response again = admin().post(path, "application/json", body, key);

        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json().path("waMessageId").asText()).isEqualTo("wamid.cloud-retried");
        assertThat(again.json().path("id").asLong()).isEqualTo(retried.json().path("id").asLong());
        assertThat(STUB.requests().size() - requestsBefore).isEqualTo(2); // the limited try and the one that went out
        assertThat(admin().get(path).json().findValuesAsText("text").stream().filter("Your code is ready"::equals)).hasSize(1);
        assertThat(before.subtract(channel.balance())).isEqualByComparingTo("0.14"); // one service conversation
    }

    @Test
    void anAiAnswerWhatsAppRateLimitsIsFailedAndRefundedAndPeopleTakeOver() {
        String phone = newPhone();
        long contact = contactInWindow(phone);
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
                  <bpmn:process id="cloud-ai" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ai"/>
                    <bpmn:serviceTask id="ai" camunda:delegateExpression="${aiOperator}">
                      <bpmn:extensionElements><camunda:inputOutput>
                        <camunda:inputParameter name="knowledgeBase">opening hours => We are open 9-18</camunda:inputParameter>
                      </camunda:inputOutput></bpmn:extensionElements>
                    </bpmn:serviceTask>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        // this context's engine has a name of its own, so not the one /engine-rest serves: deploy through its service
        repository.createDeployment().addString("cloud-ai.bpmn", bpmn).deploy();
        assertThat(admin().post("/api/automations/cloud-ai/start", "{\"contactId\":" + contact + "}").status()).isEqualTo(201);
        BigDecimal before = channel.balance();

        STUB.answerJson(400, "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\",\"code\":130429}}");
        try {
            assertThat(deliverWhatsApp(Webhooks.textFrom(phone, "wamid.ai-" + phone, "Your opening hours?"))
                    .status()).isEqualTo(200);
            background.settle();
        } finally {
            STUB.answerJson(200, ACCEPTED.formatted("after-ai"));
        }

        // the AI answers once: a busy WhatsApp fails its answer (no charge left behind) and the operators take over
        JsonNode messages = admin().get("/api/contacts/" + contact + "/messages").json();
        JsonNode answer = messages.get(messages.size() - 1);
        assertThat(answer.path("text").asText()).isEqualTo("We are open 9-18");
        assertThat(answer.path("status").asText()).isEqualTo("FAILED");
        assertThat(channel.balance()).isEqualByComparingTo(before);
        assertThat(admin().get("/api/contacts/" + contact + "/notes").json().findValuesAsText("text")).singleElement()
                .asString().startsWith("AI operator handed over: the answer could not be sent (send-failed");
        assertThat(admin().get("/api/contacts/" + contact).json().path("unread").asBoolean()).isTrue();
    }

    @Test
    void aPendingMessageToAContactBlockedMeanwhileIsFailedAndRefundedNotSent() {
        long contact = contactInWindow(newPhone());
        BigDecimal before = channel.balance();
        String path = "/api/contacts/" + contact + "/messages";
        byte[] body = "{\"text\":\"Last call\"}".getBytes();
        var key = java.util.Map.of("Idempotency-Key", "last-call-" + contact);
        STUB.answerJson(503, "{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":133004}}");
        assertThat(admin().post(path, "application/json", body, key).status()).isEqualTo(503);
        admin().patch("/api/contacts/" + contact, "{\"blocked\":true}");
        int requests = STUB.requests().size();

        Response retried = admin().post(path, "application/json", body, key);

        assertThat(retried.json().path("status").asText()).isEqualTo("FAILED");
        assertThat(STUB.requests()).hasSize(requests);
        assertThat(channel.balance()).isEqualByComparingTo(before);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.HistoryService history;

    @Test
    void aSendMessageStepSendsAListMenuAndTheChosenRowsIdTakesItsIfElsePath() throws Exception {
        String phone = newPhone();
        long contact = contactInWindow(phone);
        background.settle(); // the customer's first message is routed (to nothing) before the automation starts
        String ask = TestBpmn.step("ask", "sendMessage", false, "text", "How should we ship it?", "listButton", "Shipping",
                "listRows", """
                        # Fast
                        priority_express=Priority Mail Express | Next Day to 2 Days
                        # Cheap
                        ground=Ground | 5 days""");
        repository.createDeployment().addString("ship.bpmn", TestBpmn.process("ship", """
                <bpmn:startEvent id="start"/>
                %s
                <bpmn:receiveTask id="wait" messageRef="reply"/>
                <bpmn:boundaryEvent id="silence" attachedToRef="wait">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:exclusiveGateway id="which" default="to-ground"/>
                <bpmn:sequenceFlow id="to-express" sourceRef="which" targetRef="express">
                  <bpmn:conditionExpression>${reply.payload == 'priority_express'}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="to-ground" sourceRef="which" targetRef="by-ground"/>
                <bpmn:endEvent id="express"/><bpmn:endEvent id="by-ground"/><bpmn:endEvent id="silent"/>
                %s %s %s %s
                """.formatted(ask, TestBpmn.flow("start", "ask"), TestBpmn.flow("ask", "wait"), TestBpmn.flow("wait", "which"),
                TestBpmn.flow("silence", "silent")))).deploy();
        STUB.answerJson(200, ACCEPTED.formatted("list"));
        int before = STUB.requests().size();

        String instance = admin().post("/api/automations/ship/start", "{\"contactId\":" + contact + "}").json()
                .path("processInstanceId").asText();
        background.settle();

        JsonNode interactive = JSON.readTree(STUB.requests().get(before).body()).path("interactive");
        assertThat(interactive.path("type").asText()).isEqualTo("list");
        assertThat(interactive.path("body").path("text").asText()).isEqualTo("How should we ship it?");
        assertThat(interactive.path("action").path("button").asText()).isEqualTo("Shipping");
        JsonNode sections = interactive.path("action").path("sections");
        assertThat(sections.findValuesAsText("title")).contains("Fast", "Cheap", "Priority Mail Express", "Ground");
        assertThat(sections.get(0).path("rows").get(0).path("id").asText()).isEqualTo("priority_express");
        assertThat(sections.get(0).path("rows").get(0).path("description").asText()).isEqualTo("Next Day to 2 Days");

        // Meta's own example of a customer choosing the row priority_express, from this contact
        String choice = new String(getClass().getResourceAsStream("/realworld/whatsapp/interactive-list-reply-message.json")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("16505551234", phone.substring(1)).replace("1749854575", String.valueOf(java.time.Instant.now()
                        .getEpochSecond())).replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUJDQ0NDM0FEODY4ODkzOTc5RgA=",
                        "wamid.list-" + phone);
        assertThat(deliverWhatsApp(choice).status()).isEqualTo(200);
        background.settle();

        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("express").count())
                .isEqualTo(1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("replyPayload")
                .singleResult().getValue()).isEqualTo("priority_express");
    }

    @Test
    void theSandboxDoesNotExistWithTheRealGateway() {
        assertThat(admin().post("/api/sandbox/inbound", "{\"from\":\"" + newPhone() + "\",\"text\":\"hi\"}").status()).isEqualTo(404);
        assertThat(admin().post("/api/sandbox/clock", "{\"advance\":\"PT1H\"}").status()).isEqualTo(404);
    }
}
