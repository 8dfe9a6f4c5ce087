package dev.replyflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Webhooks;

/** Input a hostile or careless client sends is a 400 naming the field, never a 500; every error is problem+json. */
class BadInputTest extends ApiTest {

    private static void problem(Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.json().path("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void aHugePlaceholderIsNoTemplate() {
        problem(admin().post("/api/templates", "{\"name\":\"huge_placeholder\",\"language\":\"it\",\"category\":\"UTILITY\","
                + "\"body\":\"Ciao {{99999999999}}\"}"), 400, "body");
        problem(admin().post("/api/templates", "{\"name\":\"big_placeholder\",\"language\":\"it\",\"category\":\"UTILITY\","
                + "\"body\":\"Ciao {{101}}\"}"), 400, "body");
    }

    @Test
    void aPageBeyondAnyOffsetIsRefused() {
        problem(admin().get("/api/contacts?page=2147483647"), 400, "page");
        problem(admin().get("/api/contacts?page=99999999999"), 400, "page");
    }

    @Test
    void theSandboxClockMovesWithinAHorizon() {
        problem(admin().post("/api/sandbox/clock", "{\"advance\":\"P999999999D\"}"), 400, "advance");
        problem(admin().post("/api/sandbox/clock", "{\"advance\":\"P367D\"}"), 400, "advance");
    }

    @Test
    void aWebhookTimestampBeyondTheCalendarIsKeptAsRejectedNot500() {
        String delivery = Webhooks.textFrom(newPhone(), "wamid.far-future", "hi")
                .replace("\"timestamp\":\"" + Instant.now().getEpochSecond(), "\"timestamp\":\"1000000000000000000")
                .replaceAll("\"timestamp\":\"\\d+\"", "\"timestamp\":\"1000000000000000000\"");
        byte[] body = delivery.getBytes(StandardCharsets.UTF_8);
        Response response = anonymous().post("/webhooks/whatsapp", "application/json", body,
                Map.of("X-Hub-Signature-256", Webhooks.sign(body, Webhooks.APP_SECRET)));
        // the delivery is well formed; its one message cannot be taken: kept for admins, never a 500
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        awaitHandOffs(response);
        assertThat(admin().get("/api/inbound/rejected").json().findValuesAsText("waMessageId")).contains("wamid.far-future");
    }

    @Test
    void anAbsurdTopUpIsInvalidNotAConflict() {
        problem(admin().post("/api/wallet/top-ups", "{\"amount\":1e20}"), 400, "amount");
        problem(admin().post("/api/wallet/top-ups", "{\"amount\":100000.01}"), 400, "amount");
    }

    @Test
    void unknownPathsWrongMethodsMediaTypesAndMalformedJsonAreProblems() {
        problem(admin().get("/api/no-such-thing"), 404, null);
        problem(admin().delete("/api/wallet"), 405, null);
        problem(admin().post("/api/contacts", "text/plain", "phone".getBytes(StandardCharsets.UTF_8), Map.of()), 415, null);
        problem(admin().post("/api/contacts", "{\"phone\": "), 400, null);
    }
}
