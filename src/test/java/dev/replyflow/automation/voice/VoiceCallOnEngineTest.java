package dev.replyflow.automation.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.replyflow.support.ApiTest;
import dev.replyflow.support.EngineProbe;

/**
 * Voice Call on the application's engine, against a local Twilio. Its own context (and database, and engine
 * name): Twilio's base URL points at the stub, and a short request timeout lets a call's outcome be unknown.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "replyflow.voice.account-sid=" + StubTwilioApi.ACCOUNT_SID,
        "replyflow.voice.auth-token=" + StubTwilioApi.AUTH_TOKEN,
        "replyflow.voice.from=" + VoiceCallOnEngineTest.FROM,
        "replyflow.voice.request-timeout=1s",
        "spring.datasource.url=jdbc:h2:mem:replyflow-voice;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true"})
@ActiveProfiles("test")
@DirtiesContext
class VoiceCallOnEngineTest extends ApiTest {

    static final String FROM = "+390212345678";
    private static final StubTwilioApi TWILIO = startTwilio();

    @Autowired
    RuntimeService runtime;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    EngineProbe engine;
    @Autowired
    JdbcTemplate jdbc;

    /** A step after the call, in the transaction that completes it, that fails its first time: after the call, it fails. */
    @TestConfiguration
    static class FailingOnce {
        static final AtomicBoolean FAILED = new AtomicBoolean();

        @Bean
        JavaDelegate failsOnce() {
            return execution -> {
                if (FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("failing once after the call");
                }
            };
        }
    }

    @DynamicPropertySource
    static void twilioAddress(DynamicPropertyRegistry registry) {
        registry.add("replyflow.voice.base-url", TWILIO::baseUrl);
        registry.add("replyflow.security.expression-beans", () -> "failsOnce"); // expressions reach listed beans only
    }

    @AfterAll
    static void stopTwilio() {
        TWILIO.close();
    }

    @BeforeEach
    void resetTwilio() {
        TWILIO.reset();
    }

    @Test
    void callsTheContactInItsLanguageAndKeepsTheCallSid() {
        String phone = newPhone();
        long contact = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"language\":\"it\"}").json()
                .path("id").asLong();
        deploy("call-order", VoiceBpmn.withErrorPath(VoiceBpmn.voiceCall("call", "message",
                "Il tuo ordine ${orderId} & la fattura\nsono pronti."), "call", ""));
        String instance = start("call-order", phone, Map.of("contactId", contact, "orderId", "A-77"));

        engine.runJob(instance);

        StubTwilioApi.Request request = TWILIO.requests().get(0);
        assertThat(request.path()).isEqualTo(StubTwilioApi.CALLS_PATH);
        assertThat(StubTwilioApi.form(request)).containsEntry("To", phone).containsEntry("From", FROM)
                .containsEntry("Twiml", "<Response><Say language=\"it-IT\">Il tuo ordine A-77 &amp; la fattura\n"
                        + "sono pronti.</Say></Response>")
                .doesNotContainKey("StatusCallback");
        assertThat(engine.ended(instance, "done")).isTrue();
        String callSid = (String) engine.variables(instance).get("callSid");
        assertThat(callSid).matches("CA[0-9a-f]{32}");
        assertThat(calls(instance)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("CALL_SID", callSid).containsEntry("STATUS", "queued")
                    .containsEntry("CONTACT_ID", contact).containsEntry("EXECUTION_KEY", instance + ":call:0");
        });
    }

    @Test
    void aNumberTwilioRefusesTakesTheErrorPath() {
        TWILIO.answers(StubTwilioApi.error(400, 21211, "The 'To' number is not a valid phone number."));
        String instance = startCall("call-refused", newPhone(), false);

        engine.runJob(instance);

        assertThat(engine.ended(instance, "failed")).isTrue();
        assertThat((String) engine.variables(instance).get("callError")).isEqualTo("Voice Call 'call': Twilio refused the "
                + "call (HTTP 400, error 21211: The 'To' number is not a valid phone number. "
                + "(https://www.twilio.com/docs/errors/21211))");
        assertThat(engine.variables(instance)).doesNotContainKey("callSid");
        assertThat(calls(instance)).singleElement().satisfies(row -> assertThat(row).containsEntry("STATUS", "failed")
                .containsEntry("CALL_SID", null));
        assertThat(TWILIO.requests()).hasSize(1);
    }

    @Test
    void aRetriedJobMakesExactlyOneCall() {
        TWILIO.answers(StubTwilioApi.error(500, 20500, "An internal server error has occurred"), StubTwilioApi.created());
        String instance = startCall("call-retried", newPhone(), false);

        engine.runJob(instance);
        assertThat(engine.call(instance).getErrorMessage()).contains("Voice Call 'call': Twilio answered 500");
        assertThat(engine.call(instance).getRetries()).isEqualTo(2);
        assertThat(calls(instance)).isEmpty(); // certainly not placed: the retry may call
        engine.runCalls();

        assertThat(TWILIO.requests()).hasSize(2);
        assertThat(engine.ended(instance, "done")).isTrue();
        assertThat(calls(instance)).singleElement()
                .satisfies(row -> assertThat(row.get("CALL_SID")).isEqualTo(engine.variables(instance).get("callSid")));
    }

    @Test
    void aStepRetriedAfterTheCallDoesNotCallAgain() {
        FailingOnce.FAILED.set(false);
        long contact = contact(newPhone());
        deploy("call-then-fail", VoiceBpmn.withErrorPath(VoiceBpmn.voiceCall("call", "message", "Ciao"), "call",
                "<bpmn:serviceTask id=\"then\" camunda:delegateExpression=\"${failsOnce}\"/>"));
        String instance = start("call-then-fail", null, Map.of("contactId", contact));

        engine.runJob(instance);
        assertThat(engine.call(instance).getErrorMessage()).contains("failing once after the call");
        engine.runCalls(); // the retry finds the call placed

        assertThat(TWILIO.requests()).hasSize(1);
        assertThat(engine.ended(instance, "done")).isTrue();
        assertThat(calls(instance)).singleElement()
                .satisfies(row -> assertThat(row.get("CALL_SID")).isEqualTo(engine.variables(instance).get("callSid")));
    }

    @Test
    void aCallWhoseOutcomeIsUnknownIsNotMadeAgainButBecomesAnIncident() {
        TWILIO.answers(StubTwilioApi.slow(Duration.ofSeconds(3)));
        String phone = newPhone();
        String instance = startCall("call-unknown", phone, false);

        engine.runJob(instance);

        List<Map<String, Object>> rows = calls(instance);
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("STATUS", "starting")
                .containsEntry("CALL_SID", null));
        assertThat(incident(instance)).contains("did not answer within PT1S after the request was sent, so the call may "
                + "have been placed", "Not calling again", phone, "voice_call " + rows.get(0).get("ID"));
        assertThat(engine.runCalls()).isZero(); // an incident at once: no retry calls again
        TWILIO.answers(StubTwilioApi.created());

        externalTasks.setRetries(engine.call(instance).getId(), 1); // retried in Cockpit, the row left in place
        engine.runCalls();
        assertThat(incident(instance)).contains("never learned whether the call was placed", "Not calling again");
        assertThat(TWILIO.requests()).hasSize(1);
        assertThat(engine.ended(instance, "failed")).isFalse();

        // no call in Twilio's log: as the incident says, delete the row and retry
        jdbc.update("delete from voice_call where id = ?", rows.get(0).get("ID"));
        externalTasks.setRetries(engine.call(instance).getId(), 1);
        engine.runCalls();
        assertThat(TWILIO.requests()).hasSize(2);
        assertThat(engine.ended(instance, "done")).isTrue();
    }

    private String incident(String instance) {
        return runtime.createIncidentQuery().processInstanceId(instance).singleResult().getIncidentMessage();
    }

    @Test
    void aBlockedContactIsNotCalled() {
        String instance = startCall("call-blocked", newPhone(), true);

        engine.runJob(instance);

        assertThat(engine.ended(instance, "failed")).isTrue();
        assertThat((String) engine.variables(instance).get("callError")).contains("Voice Call 'call'", "is blocked",
                "not called");
        assertThat(TWILIO.requests()).isEmpty();
        assertThat(calls(instance)).isEmpty();
    }

    /** A process with the error path for one Voice Call, started for a new contact (with its phone as business key). */
    private String startCall(String key, String phone, boolean blocked) {
        long contact = contact(phone);
        if (blocked) {
            assertThat(admin().patch("/api/contacts/" + contact, "{\"blocked\":true}").status()).isEqualTo(200);
        }
        deploy(key, VoiceBpmn.withErrorPath(VoiceBpmn.voiceCall("call", "message", "Ciao, a presto"), "call", ""));
        return start(key, phone, Map.of("contactId", contact));
    }

    private long contact(String phone) {
        var response = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\"}");
        assertThat(response.status()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    private void deploy(String key, String body) {
        engine.deploy(key, VoiceBpmn.process(key, body));
    }

    private String start(String key, String businessKey, Map<String, Object> variables) {
        return runtime.startProcessInstanceByKey(key, businessKey, variables).getId();
    }




    /** The instance's rows of voice_call (column names in capitals, as H2 gives them). */
    private List<Map<String, Object>> calls(String instance) {
        return jdbc.queryForList("select id, contact_id, execution_key, call_sid, status from voice_call "
                + "where execution_key like ?", instance + ":%");
    }

    private static StubTwilioApi startTwilio() {
        try {
            return new StubTwilioApi();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
