package dev.replyflow.messaging.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.replyflow.messaging.gateway.GatewayException;
import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.messaging.gateway.OutboundMessage.Template;
import dev.replyflow.messaging.gateway.OutboundMessage.Text;

/** Error answers as WhatsApp sends them, and network failures, become the right {@link GatewayException}. */
class CloudApiGatewayErrorTest {

    private static final OutboundMessage MESSAGE = new OutboundMessage("+393331234567", new Text("Ciao"));

    private StubCloudApiServer stub;

    @BeforeEach
    void start() throws IOException {
        stub = new StubCloudApiServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void rateLimitHitIsRetryable() {
        stub.answerJson(400, whatsAppError(130429, "Rate limit hit",
                "Cloud API message throughput has been reached."));

        GatewayException e = sendExpectingFailure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo(130429);
        assertThat(e.getMessage()).contains("130429", "Cloud API message throughput has been reached.");
    }

    @Test
    void pairRateLimitIsRetryable() {
        stub.answerJson(400, whatsAppError(131056, "(Business Account, Consumer Account) pair rate limit hit",
                "Message failed to send because there were too many messages sent from this phone number to the same "
                        + "phone number in a short period of time."));

        GatewayException e = sendExpectingFailure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo(131056);
        assertThat(e.getMessage()).contains("too many messages sent from this phone number");
    }

    @Test
    void reEngagementOutsideTheCustomerServiceWindowIsNotRetryable() {
        stub.answerJson(400, """
                {"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,
                  "error_data":{"messaging_product":"whatsapp","details":"Message failed to send because more than 24 \
                hours have passed since the customer last replied to this number."},
                  "fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}""");

        GatewayException e = sendExpectingFailure();

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo(131047);
        assertThat(e.getMessage())
                .contains("Re-engagement message")
                .contains("more than 24 hours have passed since the customer last replied")
                .contains("only an approved template")
                .contains("Az8or2yhqkZfEZ-_4Qn_Bam");
    }

    @Test
    void undeliverableMessageIsNotRetryable() {
        stub.answerJson(400, whatsAppError(131026, "Message Undeliverable.",
                "Message failed to send because the recipient's phone number is not a WhatsApp phone number."));

        GatewayException e = sendExpectingFailure();

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo(131026);
        assertThat(e.getMessage()).contains("is not a WhatsApp phone number");
    }

    @Test
    void unknownTemplateIsNotRetryable() {
        stub.answerJson(404, whatsAppError(132001, "Template name does not exist in the translation",
                "template name (order_updat) does not exist in it"));

        GatewayException e = failure(() -> gateway(Duration.ofSeconds(5)).send(new OutboundMessage(
                "+393331234567", new Template("order_updat", "it", null, null, null))));

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo(132001);
        assertThat(e.getMessage()).contains("template name (order_updat) does not exist in it", "WhatsApp Manager");
    }

    @Test
    void expiredAccessTokenSaysToRenewIt() {
        // token errors come from the Graph API itself: HTTP 401 and no error_data
        stub.answerJson(401, """
                {"error":{"message":"Error validating access token: Session has expired on Tuesday, 04-Nov-25 \
                09:00:00 PST. The current time is Tuesday, 04-Nov-25 10:12:31 PST.","type":"OAuthException",
                  "code":190,"error_subcode":463,"fbtrace_id":"AbcXyZ0123456789"}}""");

        GatewayException e = sendExpectingFailure();

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo(190);
        assertThat(e.getMessage())
                .contains("Session has expired")
                .contains("renew it")
                .contains("replyflow.whatsapp.cloud-api.access-token")
                .doesNotContain("EAAG-test-token");
    }

    @Test
    void serverErrorWithAnHtmlPageIsRetryable() {
        stub.answer(500, "text/html", "<html><body><h1>500 Internal Server Error</h1></body></html>");

        GatewayException e = sendExpectingFailure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isNull();
        assertThat(e.getMessage()).contains("HTTP 500", "500 Internal Server Error").doesNotContain("<h1>");
    }

    @Test
    void serviceUnavailableIsRetryable() {
        stub.answer(503, "text/plain", "Service Unavailable");

        GatewayException e = sendExpectingFailure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isNull();
        assertThat(e.getMessage()).contains("HTTP 503");
    }

    @Test
    void unknownWhatsAppCodeOnA5xxIsRetryable() {
        stub.answerJson(500, whatsAppError(1, "An unknown error occurred", "Please retry your request later."));

        GatewayException e = sendExpectingFailure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo(1);
    }

    @Test
    void unknownWhatsAppCodeOnA4xxIsNotRetryable() {
        stub.answerJson(400, whatsAppError(999999, "Something new", "A code this client does not know yet."));

        GatewayException e = sendExpectingFailure();

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo(999999);
        assertThat(e.getMessage()).contains("A code this client does not know yet.");
    }

    @Test
    void tooManyRequestsWithoutABodyIsRetryable() {
        stub.answer(429, "application/json", "");

        GatewayException e = sendExpectingFailure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("HTTP 429");
    }

    @Test
    void successWithoutAMessageIdIsNotRetried() {
        // WhatsApp may have taken the message: sending it again could reach the customer twice
        stub.answerJson(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[],\"messages\":[]}");

        GatewayException e = sendExpectingFailure();

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("without a message id");
    }

    @Test
    void connectionRefusedIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CloudApiGateway gateway = new CloudApiGateway(new CloudApiProperties("http://127.0.0.1:" + closedPort,
                "106540352242922", "EAAG-test-token", Duration.ofSeconds(2), Duration.ofSeconds(2)));

        GatewayException e = failure(() -> gateway.send(MESSAGE));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isNull();
        assertThat(e.getMessage()).contains("Could not connect", "127.0.0.1:" + closedPort);
    }

    @Test
    void noAnswerWithinTheRequestTimeoutIsRetryable() {
        stub.delay(Duration.ofSeconds(3)).answerJson(200, "{\"messages\":[{\"id\":\"wamid.late\"}]}");

        GatewayException e = failure(() -> gateway(Duration.ofMillis(300)).send(MESSAGE));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class);
        assertThat(e.getMessage()).contains("did not answer within 300 ms");
    }

    @Test
    void aMessageThatCannotBeExpressedIsRefusedBeforeCallingWhatsApp() {
        OutboundMessage audioHeader = new OutboundMessage("+393331234567", new Template("voice_note", "it",
                new OutboundMessage.MediaHeader(OutboundMessage.MediaType.AUDIO, "https://x/a.ogg", null), null,
                null));

        GatewayException e = failure(() -> gateway(Duration.ofSeconds(5)).send(audioHeader));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("not audio");
        assertThat(stub.requests()).isEmpty();
    }

    @ParameterizedTest(name = "code {0} is retryable")
    @ValueSource(ints = {130429, 131056, 131048, 131016, 131000, 133004, 4, 80007})
    void retryableCodes(int code) {
        assertThat(CloudApiErrorMapper.retryable(code, 400)).isTrue();
    }

    @ParameterizedTest(name = "code {0} is not retryable")
    @ValueSource(ints = {131047, 131026, 131030, 131051, 131052, 131053, 100, 190, 10, 200, 132000, 132001, 132005,
            132007, 132012, 132015, 132016, 368})
    void permanentCodes(int code) {
        // even when a proxy in between turns the answer into a 5xx, WhatsApp's code decides
        assertThat(CloudApiErrorMapper.retryable(code, 500)).isFalse();
    }

    private GatewayException sendExpectingFailure() {
        return failure(() -> gateway(Duration.ofSeconds(5)).send(MESSAGE));
    }

    private static GatewayException failure(ThrowingCallable send) {
        GatewayException e = catchThrowableOfType(GatewayException.class, send);
        assertThat(e).as("a GatewayException").isNotNull();
        return e;
    }

    private CloudApiGateway gateway(Duration requestTimeout) {
        return new CloudApiGateway(new CloudApiProperties(stub.baseUrl(), "106540352242922", "EAAG-test-token",
                Duration.ofSeconds(2), requestTimeout));
    }

    private static String whatsAppError(int code, String message, String details) {
        return """
                {"error":{"message":"(#%d) %s","type":"OAuthException","code":%d,
                  "error_data":{"messaging_product":"whatsapp","details":"%s"},
                  "fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}""".formatted(code, message, code, details);
    }
}
