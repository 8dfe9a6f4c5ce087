package dev.replyflow.automation.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.support.ApiTest;
import dev.replyflow.support.EngineProbe;
import dev.replyflow.support.Channel;

/**
 * Send Webhook, Zapier and Make on the application's engine, against a local receiver. Its own context (and
 * database, and engine name): the receiver on 127.0.0.1 must be allow-listed, and requests signed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "replyflow.webhooks.allowed-hosts=127.0.0.1",
        "replyflow.webhooks.signing-secret=" + WebhookStepsOnEngineTest.SECRET,
        "spring.datasource.url=jdbc:h2:mem:replyflow-webhooks;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true"})
@ActiveProfiles("test")
@DirtiesContext
class WebhookStepsOnEngineTest extends ApiTest {

    static final String SECRET = "test-webhook-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    RuntimeService runtime;
    @Autowired
    EngineProbe engine;

    private StubWebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new StubWebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void postsTheContactAndChosenVariablesSignedAndMapsTheAnswer() throws Exception {
        assertThat(admin().post("/api/fields", "{\"name\":\"city\",\"type\":\"TEXT\"}").status()).isIn(201, 409);
        assertThat(admin().post("/api/fields", "{\"name\":\"orders\",\"type\":\"NUMBER\"}").status()).isIn(201, 409);
        String phone = newPhone();
        long contact = admin().post("/api/contacts", """
                {"phone":"%s","name":"Maria Rossi","language":"it","marketingConsent":true,
                 "tags":["vip","lead"],"fields":{"city":"Bari","orders":3}}""".formatted(phone)).json().path("id").asLong();
        deploy("notify-crm", WebhookBpmn.withErrorPath(WebhookBpmn.step("notify", "sendWebhook", "url", receiver.url("/hook"),
                "variables", "orderId\ntotal\nnotSet", "responseMapping", "crmId=/id\nscore=/data/score\nabsent=/data/nothing"),
                "notify"));
        receiver.answer(200, "{\"id\":\"crm-1\",\"data\":{\"score\":7}}");
        String instance = start("notify-crm", phone, Map.of("contactId", contact, "orderId", "A-77", "total", 12.5));

        engine.runJob(instance);

        StubWebhookReceiver.Request request = receiver.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("User-Agent")).isEqualTo("Replyflow");
        assertThat(request.header("X-Replyflow-Signature")).isEqualTo("sha256=" + hmacSha256Hex(request.bytes()));
        assertThat(request.header("X-Replyflow-Delivery")).isEqualTo(instance + ":notify:0");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"event":"automation.step","automation":"notify-crm","processInstanceId":"%s","step":"notify",
                 "contact":{"id":%d,"phone":"%s","name":"Maria Rossi","language":"it","tags":["lead","vip"],
                            "fields":{"city":"Bari","orders":3},"marketingConsent":true},
                 "variables":{"orderId":"A-77","total":12.5,"notSet":null}}""".formatted(instance, contact, phone)));
        assertThat(request.body()).startsWith("{\"event\":\"automation.step\",\"automation\":\"notify-crm\",");
        assertThat(engine.ended(instance, "done")).isTrue();
        Map<String, Object> variables = engine.variables(instance);
        assertThat(variables).containsEntry("crmId", "crm-1").containsEntry("score", 7L).doesNotContainKey("absent");
    }

    @Test
    void aRetriedJobSendsTheSameDeliveryIdAndALoopsNextVisitANewOne() {
        long contact = contact();
        deploy("notify-twice", "<bpmn:startEvent id=\"start\"/>"
                + WebhookBpmn.step("notify", "sendWebhook", "url", receiver.url("/hook"))
                + "<bpmn:exclusiveGateway id=\"again\" default=\"again-end\"/>"
                + "<bpmn:serviceTask id=\"count\" camunda:expression=\"${execution.setVariable('visited', true)}\"/>"
                + "<bpmn:endEvent id=\"end\"/>"
                + WebhookBpmn.flow("start", "notify") + WebhookBpmn.flow("notify", "again")
                + "<bpmn:sequenceFlow id=\"again-count\" sourceRef=\"again\" targetRef=\"count\"><bpmn:conditionExpression>"
                + "${execution.getVariable('visited') == null}</bpmn:conditionExpression></bpmn:sequenceFlow>"
                + WebhookBpmn.flow("count", "notify") + WebhookBpmn.flow("again", "end"));
        receiver.answers(StubWebhookReceiver.json(500, "{\"error\":\"busy\"}"), StubWebhookReceiver.json(200, "{}"));
        String instance = start("notify-twice", newPhone(), Map.of("contactId", contact));

        engine.runJob(instance);
        assertThat(engine.call(instance).getErrorMessage()).contains("answered 500");
        assertThat(engine.call(instance).getRetries()).isEqualTo(2);
        engine.runCalls(); // the retry, due at once in the tests' retry cycle
        engine.runJob(instance); // the loop's second visit

        assertThat(receiver.received()).extracting(r -> r.header("X-Replyflow-Delivery"))
                .containsExactly(instance + ":notify:0", instance + ":notify:0", instance + ":notify:1");
        assertThat(engine.ended(instance, "end")).isTrue();
    }

    @Test
    void aServerErrorIsRetriedAndFinallyAnIncident() {
        long contact = contact();
        deploy("notify-down", WebhookBpmn.withErrorPath(WebhookBpmn.step("notify", "sendWebhook", "url",
                receiver.url("/hook")), "notify"));
        receiver.answer(503, "down");
        String instance = start("notify-down", newPhone(), Map.of("contactId", contact));

        engine.runJob(instance);
        for (int retry = 0; retry < 2; retry++) {
            assertThat(engine.call(instance).getErrorMessage()).contains("Send Webhook 'notify': 127.0.0.1 answered 503");
            engine.runCalls();
        }

        assertThat(engine.runCalls()).isZero(); // no retries left
        assertThat(receiver.received()).hasSize(3);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).singleResult().getIncidentMessage())
                .contains("answered 503");
        assertThat(engine.ended(instance, "failed")).isFalse();
    }

    @Test
    void aClientErrorTakesTheAnalystsErrorPath() {
        String instance = runToTheEnd("notify-404", "sendWebhook", receiver.url("/missing"), 404, "{\"error\":\"no such hook\"}");

        assertThat(receiver.received()).hasSize(1);
        assertThat(engine.ended(instance, "failed")).isTrue();
        assertThat(webhookError(instance)).contains("Send Webhook 'notify'", "answered 404", "no such hook");
    }

    @Test
    void aRedirectIsNotFollowedButTakesTheErrorPath() {
        long contact = contact();
        deploy("notify-moved", WebhookBpmn.withErrorPath(WebhookBpmn.step("notify", "sendWebhook", "url",
                receiver.url("/old")), "notify"));
        receiver.answers(new StubWebhookReceiver.Reply(302, "", Map.of("Location", receiver.url("/new")), Duration.ZERO));
        String instance = start("notify-moved", newPhone(), Map.of("contactId", contact));

        engine.runJob(instance);

        assertThat(receiver.received()).extracting(StubWebhookReceiver.Request::path).containsExactly("/old");
        assertThat(engine.ended(instance, "failed")).isTrue();
        assertThat(webhookError(instance)).contains("answered 302", receiver.url("/new"), "redirects are not followed");
    }

    @Test
    void anAnswerThatIsNotJsonTakesTheErrorPathWhenItIsToBeMapped() {
        long contact = contact();
        deploy("notify-html", WebhookBpmn.withErrorPath(WebhookBpmn.step("notify", "sendWebhook", "url",
                receiver.url("/hook"), "responseMapping", "crmId=/id"), "notify"));
        receiver.answer(200, "<html>ok</html>");
        String instance = start("notify-html", newPhone(), Map.of("contactId", contact));

        engine.runJob(instance);

        assertThat(engine.ended(instance, "failed")).isTrue();
        assertThat(webhookError(instance)).contains("not JSON");
    }

    @Test
    void theCloudMetadataAddressIsRefused() {
        String instance = runToTheEnd("notify-metadata", "sendWebhook", "http://169.254.169.254/latest/meta-data/", 200, "{}");

        assertThat(engine.ended(instance, "failed")).isTrue();
        assertThat(webhookError(instance)).contains("Send Webhook 'notify'", "'169.254.169.254'", "link-local");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void zapierAndMakeRefuseUrlsOfOtherHosts() {
        String zap = runToTheEnd("zap-elsewhere", "zapier", "https://example.com/hooks/catch/1/abc/", 200, "{}");
        String make = runToTheEnd("make-elsewhere", "make", "https://make.com.example.org/abc", 200, "{}");

        assertThat(engine.ended(zap, "failed")).isTrue();
        assertThat(webhookError(zap)).contains("Zapier 'notify'", "https://hooks.zapier.com/", "https://example.com/hooks/catch/1/abc/");
        assertThat(engine.ended(make, "failed")).isTrue();
        assertThat(webhookError(make)).contains("Send Webhook to Make 'notify'", ".make.com");
    }

    /** A process with the error path for one step calling {@code url}; runs its job once. */
    private String runToTheEnd(String key, String delegate, String url, int status, String answer) {
        long contact = contact();
        deploy(key, WebhookBpmn.withErrorPath(WebhookBpmn.step("notify", delegate, "url", url), "notify"));
        receiver.answer(status, answer);
        String instance = start(key, newPhone(), Map.of("contactId", contact));
        engine.runJob(instance);
        return instance;
    }

    private long contact() {
        return new Channel(admin()).contact(newPhone(), false);
    }

    private void deploy(String key, String body) {
        engine.deploy(key, WebhookBpmn.process(key, body));
    }

    private String start(String key, String businessKey, Map<String, Object> variables) {
        return runtime.startProcessInstanceByKey(key, businessKey, variables).getId();
    }




    private String webhookError(String instance) {
        return (String) engine.variables(instance).get("webhookError");
    }

    /** Recomputed here, independently of the production code. */
    private static String hmacSha256Hex(byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
