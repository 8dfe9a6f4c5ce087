package dev.replyflow.voicein;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.replyflow.automation.voice.VoiceProperties;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.support.Api;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Background;
import dev.replyflow.support.TestBpmn;

/**
 * Twilio's voice webhook starts the voice:<event> automations for the caller, once per call and event: the delivery is
 * stored with the start as its hand-off job, which {@link #deliver} runs as the job executor would.
 */
class VoiceWebhookTest extends ApiTest {

    private static final String TOKEN = "twilio-test-auth-token";
    private static final String PATH = "/webhooks/voice/twilio";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String TWILIO_NUMBER = "+390212345678";
    private static final String[] EVENTS = { "incoming", "missed", "completed" };

    @Autowired
    VoiceWebhookSettings settings;
    @Autowired
    VoiceProperties properties;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ContactRepository contacts;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    Background background;
    @Autowired
    HistoryService history;

    @BeforeEach
    void setUp() {
        settings.set(TOKEN, null);
        var deployment = repository.createDeployment().name("voice-in-test").enableDuplicateFiltering(true);
        for (String event : EVENTS) {
            deployment.addString("voice-in-" + event + ".bpmn", process(event));
        }
        deployment.deploy();
    }

    @AfterEach
    void restoreSettings() {
        settings.set(properties.authToken(), null);
    }

    /** An automation, written by hand, started by the signal voice:<event>, that waits in a user task. */
    private static String process(String event) {
        String body = "<bpmn:startEvent id=\"on-call\"><bpmn:signalEventDefinition signalRef=\"voice-signal\"/></bpmn:startEvent>"
                + "<bpmn:userTask id=\"call-back\"/><bpmn:endEvent id=\"end\"/>" + TestBpmn.flow("on-call", "call-back")
                + TestBpmn.flow("call-back", "end");
        return TestBpmn.process("voice-in-test-" + event, body)
                .replace("<bpmn:message id=\"reply\" name=\"customer-reply\"/>",
                        "<bpmn:signal id=\"voice-signal\" name=\"voice:" + event + "\"/>");
    }

    private long instances(String event, String phone) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("voice-in-test-" + event)
                .processInstanceBusinessKey(phone).count();
    }

    private long allInstances(String phone) {
        return Arrays.stream(EVENTS).mapToLong(event -> instances(event, phone)).sum();
    }

    private String localUrl() {
        return "http://localhost:" + port + PATH;
    }

    /** Twilio's algorithm, written independently of the application's: URL + sorted name/value pairs, HMAC-SHA1. */
    private static String twilioSignature(String url, Map<String, String> parameters, String token) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> call(String from, String callSid, String status, String direction) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AccountSid", "AC00000000000000000000000000000000");
        parameters.put("CallSid", callSid);
        parameters.put("From", from);
        parameters.put("To", TWILIO_NUMBER);
        parameters.put("CallStatus", status);
        if (direction != null) {
            parameters.put("Direction", direction);
        }
        parameters.put("ApiVersion", "2010-04-01");
        return parameters;
    }

    private static String callSid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A signed delivery, then its hand-off run (as the job executor would). */
    private Api.Response deliver(Map<String, String> parameters) {
        Api.Response response = deliverOnly(parameters);
        background.settle();
        return response;
    }

    private Api.Response deliverOnly(Map<String, String> parameters) {
        return anonymous().post(PATH, FORM, form(parameters),
                Map.of("X-Twilio-Signature", twilioSignature(localUrl(), parameters, TOKEN)));
    }

    @Test
    void aMissedInboundCallUpsertsTheCallerAndStartsTheMissedAutomation() {
        String phone = newPhone();
        String sid = callSid();

        var response = deliver(call(phone, sid, "no-answer", "inbound"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/xml");
        assertThat(response.body()).contains("<Response/>");
        var contact = contacts.findByPhone(phone).orElseThrow();
        assertThat(instances("missed", phone)).isEqualTo(1);
        assertThat(instances("incoming", phone)).isZero();
        ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey("voice-in-test-missed")
                .processInstanceBusinessKey(phone).singleResult();
        assertThat(instance.getBusinessKey()).isEqualTo(phone);
        assertThat(runtime.getVariables(instance.getId())).containsEntry("callSid", sid).containsEntry("callStatus", "no-answer")
                .containsEntry("calledNumber", TWILIO_NUMBER).containsEntry("contactId", contact.getId())
                .containsEntry("contactPhone", phone);

        // busy, canceled and failed inbound calls are missed calls too
        for (String status : new String[] { "busy", "canceled", "failed" }) {
            assertThat(deliver(call(phone, callSid(), status, "inbound")).status()).isEqualTo(200);
        }
        assertThat(instances("missed", phone)).isEqualTo(4);
    }

    @Test
    void theSameDeliveryTwiceStartsOneInstance() {
        String phone = newPhone();
        Map<String, String> missed = call(phone, callSid(), "busy", "inbound");

        assertThat(deliver(missed).status()).isEqualTo(200);
        var again = deliver(missed);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("<Response/>");
        assertThat(instances("missed", phone)).isEqualTo(1);
    }

    @Test
    void aRingingInboundCallIsIncomingAndACompletedOneCompleted() {
        String phone = newPhone();
        String sid = callSid();

        assertThat(deliver(call(phone, sid, "ringing", "inbound")).status()).isEqualTo(200);
        assertThat(deliver(call(phone, sid, "in-progress", "inbound")).status()).isEqualTo(200);
        assertThat(deliver(call(phone, sid, "completed", "inbound")).status()).isEqualTo(200);
        assertThat(deliver(call(phone, sid, "completed", "inbound")).status()).isEqualTo(200);

        assertThat(instances("incoming", phone)).isEqualTo(1);
        assertThat(instances("completed", phone)).isEqualTo(1);
        assertThat(instances("missed", phone)).isZero();

        // an outbound call (the Voice Call step's) starts nothing
        String callee = newPhone();
        assertThat(deliver(call(callee, callSid(), "no-answer", "outbound-api")).status()).isEqualTo(200);
        assertThat(contacts.findByPhone(callee)).isEmpty();
    }

    @Test
    void theEndOfAVoiceCallStepsCallIsNotedInTheChatOnce() {
        String phone = newPhone();
        long contact = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\"}").json().path("id").asLong();
        String sid = callSid();
        jdbc.update("insert into voice_call (contact_id, execution_key, call_sid, status, created_at) values (?, ?, ?, ?, ?)",
                contact, "pi-" + sid + ":call:0", sid, "queued", java.time.OffsetDateTime.now());
        Map<String, String> answered = call(TWILIO_NUMBER, sid, "completed", "outbound-api");
        answered.put("To", phone);
        answered.put("CallDuration", "42");

        assertThat(deliver(call(TWILIO_NUMBER, sid, "ringing", "outbound-api")).status()).isEqualTo(200);
        assertThat(notes(contact)).isEmpty();
        assertThat(deliver(answered).status()).isEqualTo(200);
        assertThat(deliver(answered).status()).isEqualTo(200); // Twilio retries: one note
        assertThat(notes(contact)).containsExactly("Voice call answered (42 s)");
        assertThat(jdbc.queryForObject("select status from voice_call where call_sid = ?", String.class, sid)).isEqualTo("completed");

        // a call that is not a Voice Call step's is acknowledged and changes nothing
        assertThat(deliver(call(TWILIO_NUMBER, callSid(), "no-answer", "outbound-api")).status()).isEqualTo(200);
        assertThat(notes(contact)).hasSize(1);
    }

    private java.util.List<String> notes(long contact) {
        return admin().get("/api/contacts/" + contact + "/notes").json().findValuesAsText("text");
    }

    @Test
    void aCallerWithoutAPhoneNumberIsAcknowledgedAndStartsNothing() {
        long before = contacts.count();
        for (String from : new String[] { "client:alice", "anonymous", "266696687" }) {
            var response = deliver(call(from, callSid(), "no-answer", "inbound"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("text/xml");
            assertThat(response.body()).contains("<Response/>");
        }
        assertThat(contacts.count()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("voice-in-test-missed")
                .processInstanceBusinessKey("client:alice").count()).isZero();
    }

    @Test
    void missingWrongOrUnconfiguredSignaturesAreRefusedAndChangeNothing() {
        background.settle(); // earlier deliveries' hand-offs done: what is stored now stays as it is
        long stored = background.storedDeliveries();
        String phone = newPhone();
        Map<String, String> parameters = call(phone, callSid(), "no-answer", "inbound");
        byte[] body = form(parameters);

        var missing = anonymous().post(PATH, FORM, body, Map.of());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().path("field").asText()).isEqualTo("X-Twilio-Signature");

        var wrongToken = anonymous().post(PATH, FORM, body,
                Map.of("X-Twilio-Signature", twilioSignature(localUrl(), parameters, "another-token")));
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(wrongToken.contentType()).startsWith("application/problem+json");
        var wrongUrl = anonymous().post(PATH, FORM, body,
                Map.of("X-Twilio-Signature", twilioSignature("https://elsewhere.example" + PATH, parameters, TOKEN)));
        assertThat(wrongUrl.status()).isEqualTo(401);
        Map<String, String> tampered = new HashMap<>(parameters);
        tampered.put("From", newPhone());
        var tamperedBody = anonymous().post(PATH, FORM, form(tampered),
                Map.of("X-Twilio-Signature", twilioSignature(localUrl(), parameters, TOKEN)));
        assertThat(tamperedBody.status()).isEqualTo(401);

        settings.set(null, null);
        assertThat(deliver(parameters).status()).isEqualTo(401);
        settings.set("", null);
        assertThat(deliver(parameters).status()).isEqualTo(401);

        assertThat(contacts.findByPhone(phone)).isEmpty();
        assertThat(allInstances(phone)).isZero();
        assertThat(background.storedDeliveries()).isEqualTo(stored);

        // with the token configured again, the very same delivery is handled: the refusals stored nothing
        settings.set(TOKEN, null);
        assertThat(deliver(parameters).status()).isEqualTo(200);
        assertThat(instances("missed", phone)).isEqualTo(1);
    }

    @Test
    void behindAProxyTheConfiguredWebhookUrlIsSigned() {
        String publicUrl = "https://replyflow.example.com/webhooks/voice/twilio";
        settings.set(TOKEN, publicUrl);
        String phone = newPhone();
        Map<String, String> parameters = call(phone, callSid(), "canceled", "inbound");
        byte[] body = form(parameters);

        assertThat(anonymous().post(PATH, FORM, body, Map.of("X-Twilio-Signature", twilioSignature(localUrl(), parameters, TOKEN)))
                .status()).isEqualTo(401);
        assertThat(anonymous().post(PATH, FORM, body, Map.of("X-Twilio-Signature", twilioSignature(publicUrl, parameters, TOKEN)))
                .status()).isEqualTo(200);
        background.settle();
        assertThat(instances("missed", phone)).isEqualTo(1);
    }

    @Test
    void oversizedIncompleteAndMalformedDeliveriesAreRefusedAndStoreNothing() {
        background.settle(); // earlier deliveries' hand-offs done: what is stored now stays as it is
        long stored = background.storedDeliveries();
        Map<String, String> huge = call(newPhone(), callSid(), "no-answer", "inbound");
        huge.put("Padding", "x".repeat(64 * 1024));
        assertThat(deliver(huge).status()).isEqualTo(413);

        Map<String, String> noFrom = call(newPhone(), callSid(), "no-answer", "inbound");
        noFrom.remove("From");
        var missingFrom = deliver(noFrom);
        assertThat(missingFrom.status()).isEqualTo(400);
        assertThat(missingFrom.json().path("field").asText()).isEqualTo("From");

        String phone = newPhone();
        Map<String, String> noSid = call(phone, callSid(), "no-answer", "inbound");
        noSid.remove("CallSid");
        var missingSid = deliver(noSid);
        assertThat(missingSid.status()).isEqualTo(400);
        assertThat(missingSid.contentType()).startsWith("application/problem+json");
        assertThat(missingSid.json().path("field").asText()).isEqualTo("CallSid");
        assertThat(contacts.findByPhone(phone)).isEmpty();

        // not form-encoded at all (a broken percent escape): nothing can even be verified
        var malformed = anonymous().post(PATH, FORM, ("CallSid=" + callSid() + "&From=%zz").getBytes(StandardCharsets.US_ASCII),
                Map.of("X-Twilio-Signature", "c2lnbmF0dXJl"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().path("field").asText()).isEqualTo("body");
        assertThat(background.storedDeliveries()).isEqualTo(stored);
    }

    @Test
    void theSettingsHideTheToken() {
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("<hidden>");
        settings.set(null, null);
        assertThat(settings.toString()).contains("<not set>");
    }

    @Test
    void theSameCallEventFourTimesAtOnceIsStoredOnceAndStartsItsAutomationOnce() throws Exception {
        String phone = newPhone();
        Map<String, String> missed = call(phone, callSid(), "no-answer", "inbound");
        ExecutorService twilio = Executors.newFixedThreadPool(4);
        List<Callable<Api.Response>> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(() -> deliverOnly(missed));
        }
        for (Future<Api.Response> answer : twilio.invokeAll(deliveries)) {
            assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
            assertThat(answer.get().body()).contains("<Response/>");
        }
        twilio.shutdown();

        long contact = contacts.findByPhone(phone).orElseThrow().getId();
        assertThat(background.pendingHandOffsOf(contact)).isEqualTo(1);
        assertThat(background.runHandOffsOf(contact)).isTrue();
        assertThat(instances("missed", phone)).isEqualTo(1);
        assertThat(deliver(missed).status()).isEqualTo(200);
        assertThat(instances("missed", phone)).isEqualTo(1);
    }

    @Test
    void aMissedCallWhoseAutomationsFailToStartIsKeptAndStartsThemOnceTheFailureClears() {
        String phone = newPhone();
        Map<String, String> missed = call(phone, callSid(), "busy", "inbound");
        String body = "<bpmn:startEvent id=\"on-missed\"><bpmn:signalEventDefinition signalRef=\"voice-signal\"/>"
                + "</bpmn:startEvent><bpmn:serviceTask id=\"needs-city\" camunda:expression=\"${contact.field('city').length()}\"/>"
                + "<bpmn:endEvent id=\"done\"/>" + TestBpmn.flow("on-missed", "needs-city") + TestBpmn.flow("needs-city", "done");
        String deployment = repository.createDeployment().name("voice-needs-city").addString("voice-needs-city.bpmn",
                TestBpmn.process("voice-needs-city", body).replace("<bpmn:message id=\"reply\" name=\"customer-reply\"/>",
                        "<bpmn:signal id=\"voice-signal\" name=\"voice:missed\"/>")).deploy().getId();
        long contact = 0;
        try {
            var response = deliverOnly(missed);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("<Response/>");
            contact = contacts.findByPhone(phone).orElseThrow().getId();

            assertThat(background.runHandOffsOf(contact)).isFalse();
            assertThat(instances("missed", phone)).isZero(); // rolled back whole
            assertThat(background.pendingHandOffsOf(contact)).isEqualTo(1);
            assertThat(admin().get("/api/inbound/deliveries").json().findValuesAsText("source")).contains("twilio-voice");
            assertThat(deliverOnly(missed).status()).isEqualTo(200); // Twilio retries meanwhile: stored already
            assertThat(background.pendingHandOffsOf(contact)).isEqualTo(1);

            admin().post("/api/fields", "{\"name\":\"city\",\"type\":\"TEXT\"}");
            assertThat(admin().patch("/api/contacts/" + contact, "{\"fields\":{\"city\":\"Rome\"}}").status()).isEqualTo(200);
            assertThat(background.runHandOffsOf(contact)).isTrue();

            assertThat(instances("missed", phone)).isEqualTo(1);
            assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("voice-needs-city")
                    .processInstanceBusinessKey(phone).finished().count()).isEqualTo(1);
            assertThat(background.pendingHandOffsOf(contact)).isZero();
        } finally {
            if (contact != 0) {
                jdbc.update("delete from webhook_delivery where contact_id = ?", contact); // a failed run leaves nothing behind
            }
            repository.deleteDeployment(deployment, true);
        }
    }

    /** Twilio's published signatures (its docs' worked example, twilio-python's vectors) are accepted as they are. */
    @Test
    void twiliosOwnSignatureVectorsAreAcceptedAndATamperedOneIsNot() throws Exception {
        com.fasterxml.jackson.databind.JsonNode vectors;
        try (var in = VoiceWebhookTest.class.getResourceAsStream("/realworld/voice/twilio-signature-vectors.json")) {
            vectors = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("vectors");
        }
        int checked = 0;
        for (var vector : vectors) {
            if (!vector.has("expected_signature") || vector.has("body")) {
                continue; // the port rules and JSON bodies are not what Twilio's voice webhooks send here
            }
            settings.set(vector.path("auth_token").asText(), vector.path("url").asText());
            byte[] body;
            if (vector.has("form_body")) {
                body = vector.path("form_body").asText().getBytes(StandardCharsets.UTF_8);
            } else {
                Map<String, String> parameters = new LinkedHashMap<>();
                vector.path("params").fields().forEachRemaining(p -> parameters.put(p.getKey(), p.getValue().asText()));
                body = form(parameters);
            }
            String signature = vector.path("expected_signature").asText();

            var verified = anonymous().post(PATH, FORM, body, Map.of("X-Twilio-Signature", signature));
            // verified either way; a delivery without a caller (twilio-python's repeated-names vector) is then a 400
            String form = new String(body, StandardCharsets.UTF_8);
            boolean call = form.contains("From=") && form.contains("CallSid=");
            assertThat(verified.status()).as(vector.path("source").asText()).isEqualTo(call ? 200 : 400);
            assertThat(verified.body()).contains(call ? "<Response/>" : "From is missing");
            byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("1234", "4321").getBytes(StandardCharsets.UTF_8);
            assertThat(anonymous().post(PATH, FORM, tampered, Map.of("X-Twilio-Signature", signature)).status()).isEqualTo(401);
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }
}
