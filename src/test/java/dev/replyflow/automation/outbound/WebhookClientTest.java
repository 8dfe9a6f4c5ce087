package dev.replyflow.automation.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side on its own: headers, redirects, timeouts, size bound, against a local receiver. */
class WebhookClientTest {

    private StubWebhookReceiver receiver;
    private final WebhookClient unsigned = new WebhookClient(
            new WebhookProperties(null, List.of("127.0.0.1"), null, Duration.ofMillis(500)));

    @BeforeEach
    void start() throws IOException {
        receiver = new StubWebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void withoutASecretNothingIsSigned() {
        WebhookResponse response = unsigned.post(URI.create(receiver.url("/hook")), "{}".getBytes(StandardCharsets.UTF_8), "d-1");

        assertThat(response.status()).isEqualTo(200);
        StubWebhookReceiver.Request request = receiver.received().get(0);
        assertThat(request.header("X-Replyflow-Signature")).isNull();
        assertThat(request.header("X-Replyflow-Delivery")).isEqualTo("d-1");
        assertThat(request.header("User-Agent")).isEqualTo("Replyflow");
    }

    @Test
    void aRedirectIsReturnedNotFollowed() {
        receiver.answers(new StubWebhookReceiver.Reply(307, "", Map.of("Location", receiver.url("/elsewhere")), Duration.ZERO));

        WebhookResponse response = unsigned.post(URI.create(receiver.url("/hook")), new byte[0], "d-1");

        assertThat(response.status()).isEqualTo(307);
        assertThat(response.location()).isEqualTo(receiver.url("/elsewhere"));
        assertThat(receiver.received()).extracting(StubWebhookReceiver.Request::path).containsExactly("/hook");
    }

    @Test
    void aSlowReceiverIsATimeoutToRetry() {
        receiver.answers(new StubWebhookReceiver.Reply(200, "{}", Map.of(), Duration.ofSeconds(3)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> unsigned.post(URI.create(receiver.url("/hook")), new byte[0], "d-1"))
                .isInstanceOf(WebhookUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aClosedPortIsAConnectionErrorToRetry() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThatThrownBy(() -> unsigned.post(URI.create("http://127.0.0.1:" + port + "/hook"), new byte[0], "d-1"))
                .isInstanceOf(WebhookUnavailableException.class).hasMessageContaining("cannot reach 127.0.0.1");
    }

    @Test
    void aHugeAnswerIsCutAtTheLimit() {
        receiver.answer(200, "x".repeat(WebhookClient.MAX_RESPONSE_BYTES + 5000));

        WebhookResponse response = unsigned.post(URI.create(receiver.url("/hook")), new byte[0], "d-1");

        assertThat(response.isTooLarge()).isTrue();
        assertThat(response.body()).hasSize(WebhookClient.MAX_RESPONSE_BYTES + 1);
    }

    @Test
    void anInternalHostIsRefusedBeforeAnyConnection() {
        WebhookClient guarded = new WebhookClient(new WebhookProperties(null, List.of(), null, null));

        assertThatThrownBy(() -> guarded.post(URI.create(receiver.url("/hook")), new byte[0], "d-1"))
                .isInstanceOf(WebhookRefusedException.class).hasMessageContaining("loopback");
        assertThat(receiver.received()).isEmpty();
    }
}
