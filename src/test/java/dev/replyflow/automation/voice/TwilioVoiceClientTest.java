package dev.replyflow.automation.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side on its own, against a local Twilio stub: the request, the answers, the failures. */
class TwilioVoiceClientTest {

    private static final String FROM = "+390212345678";
    private static final String TO = "+393201234567";
    private static final String TWIML = SayTwiml.say("Ciao <Maria> & \"co\"", "it-IT", "Polly.Bianca");

    private StubTwilioApi twilio;
    private TwilioVoiceClient client;

    @BeforeEach
    void start() throws IOException {
        twilio = new StubTwilioApi();
        client = client(twilio.baseUrl(), "https://replyflow.example.com/voice/status", Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    @Test
    void postsTheCallFormToTheAccountsCallsResourceWithBasicAuth() {
        TwilioCall call = client.call(TO, TWIML);

        assertThat(call.sid()).matches("CA[0-9a-f]{32}");
        assertThat(call.status()).isEqualTo("queued");
        StubTwilioApi.Request request = twilio.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json");
        assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                "AC0123456789abcdef0123456789abcdef:test-twilio-auth-token".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(StubTwilioApi.form(request)).containsExactly(
                entry("To", TO),
                entry("From", FROM),
                entry("Twiml", "<Response><Say language=\"it-IT\" voice=\"Polly.Bianca\">"
                        + "Ciao &lt;Maria&gt; &amp; &quot;co&quot;</Say></Response>"),
                entry("StatusCallback", "https://replyflow.example.com/voice/status"));
        // form encoding, not raw TwiML: the '&' of the text must not split the form
        assertThat(request.body()).contains("Twiml=%3CResponse%3E").doesNotContain("<Say");
    }

    @Test
    void withoutAStatusCallbackNoneIsSent() {
        client(twilio.baseUrl(), null, Duration.ofSeconds(2)).call(TO, TWIML);

        assertThat(StubTwilioApi.form(twilio.requests().get(0))).containsOnlyKeys("To", "From", "Twiml");
    }

    @Test
    void anInvalidNumberIsRefusedWithTwiliosCodeAndMessage() {
        twilio.answers(StubTwilioApi.error(400, 21211, "The 'To' number +3932 is not a valid phone number."));

        assertThatThrownBy(() -> client.call("+3932", TWIML)).isInstanceOfSatisfying(CallRefusedException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(21211);
            assertThat(e.getMessage()).isEqualTo("Twilio refused the call (HTTP 400, error 21211: The 'To' number +3932 "
                    + "is not a valid phone number. (https://www.twilio.com/docs/errors/21211))");
        });
    }

    @Test
    void aRegionWithoutPermissionAndWrongCredentialsAreRefusals() {
        twilio.answers(StubTwilioApi.error(400, 21215, "Account not authorized to call +393201234567. Perhaps you need "
                + "to enable some international permissions: https://www.twilio.com/console/voice/calls/geo-permissions/low-risk"),
                StubTwilioApi.answer(401, "{\"code\": 20003, \"detail\": \"Your AccountSid or AuthToken was incorrect.\", "
                        + "\"message\": \"Authenticate\", \"more_info\": \"https://www.twilio.com/docs/errors/20003\", \"status\": 401}"));

        assertThatThrownBy(() -> client.call(TO, TWIML)).isInstanceOf(CallRefusedException.class)
                .hasMessageContaining("error 21215: Account not authorized to call +393201234567");
        assertThatThrownBy(() -> client.call(TO, TWIML)).isInstanceOfSatisfying(CallRefusedException.class,
                e -> assertThat(e.code()).isEqualTo(20003)).hasMessageContaining("HTTP 401, error 20003: Authenticate");
    }

    @Test
    void serverErrorsAndTooManyRequestsAreRetryableAndNamedNotPlaced() {
        twilio.answers(StubTwilioApi.error(500, 20500, "An internal server error has occurred"),
                StubTwilioApi.error(503, 20503, "Service unavailable"),
                StubTwilioApi.error(429, 20429, "Too Many Requests"),
                StubTwilioApi.answer(502, "<html>Bad Gateway</html>"));

        assertThatThrownBy(() -> client.call(TO, TWIML)).isInstanceOf(VoiceUnavailableException.class)
                .hasMessage("Twilio answered 500, error 20500: An internal server error has occurred "
                        + "(https://www.twilio.com/docs/errors/20500); the call was not placed");
        assertThatThrownBy(() -> client.call(TO, TWIML)).isInstanceOf(VoiceUnavailableException.class)
                .hasMessageContaining("answered 503");
        assertThatThrownBy(() -> client.call(TO, TWIML)).isInstanceOf(VoiceUnavailableException.class)
                .hasMessageContaining("answered 429, error 20429: Too Many Requests");
        assertThatThrownBy(() -> client.call(TO, TWIML)).isInstanceOf(VoiceUnavailableException.class)
                .hasMessageContaining("answered 502: <html>Bad Gateway</html>");
    }

    @Test
    void noAnswerInTimeIsAnUnknownOutcomeNotAPlainRetry() {
        twilio.answers(StubTwilioApi.slow(Duration.ofSeconds(3)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.call(TO, TWIML)).isInstanceOf(CallOutcomeUnknownException.class)
                .hasMessageContaining("did not answer within PT0.5S after the request was sent")
                .hasMessageContaining("may have been placed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(twilio.requests()).hasSize(1);
    }

    @Test
    void aClosedPortIsAConnectionErrorToRetry() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThatThrownBy(() -> client("http://127.0.0.1:" + port, null, Duration.ofSeconds(2)).call(TO, TWIML))
                .isInstanceOf(VoiceUnavailableException.class).hasMessageContaining("cannot reach 127.0.0.1")
                .hasMessageContaining("not placed");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client("ftp://127.0.0.1", null, Duration.ofSeconds(2)).call(TO, TWIML))
                .isInstanceOf(CallRefusedException.class).hasMessageContaining("check replyflow.voice.base-url");
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void anAcceptanceWithoutCallSidIsAnUnknownOutcome() {
        twilio.answers(StubTwilioApi.answer(201, "{\"status\": \"queued\"}"));

        assertThatThrownBy(() -> client.call(TO, TWIML)).isInstanceOf(CallOutcomeUnknownException.class)
                .hasMessageContaining("answered 201 without a call SID");
    }

    @Test
    void theTokenIsInNoErrorMessage() {
        twilio.answers(StubTwilioApi.answer(401, ""));

        assertThatThrownBy(() -> client.call(TO, TWIML)).isInstanceOf(CallRefusedException.class)
                .hasMessage("Twilio refused the call (HTTP 401)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(StubTwilioApi.AUTH_TOKEN));
    }

    private static TwilioVoiceClient client(String baseUrl, String statusCallback, Duration requestTimeout) {
        return new TwilioVoiceClient(new VoiceProperties(baseUrl + "/", StubTwilioApi.ACCOUNT_SID,
                StubTwilioApi.AUTH_TOKEN, FROM, statusCallback, null, requestTimeout));
    }
}
