package dev.replyflow.voicein;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
import dev.replyflow.support.TestBpmn;

/** Twilio's voice webhook starts the voice:<event> automations for the caller, once per call and event. */
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

    private Api.Response deliver(Map<String, String> parameters) {
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
        assertThat(instances("missed", phone)).isEqualTo(1);
    }

    @Test
    void oversizedAndIncompleteDeliveriesAreRefused() {
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
        assertThat(missingSid.json().path("field").asText()).isEqualTo("CallSid");
        assertThat(contacts.findByPhone(phone)).isEmpty();
    }

    @Test
    void theSettingsHideTheToken() {
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("<hidden>");
        settings.set(null, null);
        assertThat(settings.toString()).contains("<not set>");
    }
}
