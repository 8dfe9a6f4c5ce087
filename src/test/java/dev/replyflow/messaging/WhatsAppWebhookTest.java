package dev.replyflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Webhooks;

class WhatsAppWebhookTest extends ApiTest {

    private static final String APP_SECRET = "test-app-secret"; // application-test.yaml

    @Autowired
    MessageRepository messages;
    @Autowired
    ContactRepository contacts;

    @BeforeEach
    void credit() {
        assertThat(admin().post("/api/wallet/top-ups", "{\"amount\":20}").status()).isEqualTo(201);
    }

    private static String digits(String e164) {
        return e164.substring(1);
    }

    private static String delivery(String from, String name, String... messagesJson) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                 "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],"messages":[%s]}}]}]}
                """.formatted(name, from, String.join(",", messagesJson));
    }

    private static String statuses(String... statusesJson) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},"statuses":[%s]}}]}]}
                """.formatted(String.join(",", statusesJson));
    }

    private static String text(String wamid, String from, String body) {
        return "{\"from\":\"%s\",\"id\":\"%s\",\"timestamp\":\"%d\",\"type\":\"text\",\"text\":{\"body\":\"%s\"}}"
                .formatted(from, wamid, Instant.now().getEpochSecond(), body);
    }

    static String sign(byte[] body, String secret) {
        return Webhooks.sign(body, secret);
    }

    private Response deliver(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Response answer = anonymous().post("/webhooks/whatsapp", "application/json", body,
                Map.of("X-Hub-Signature-256", sign(body, APP_SECRET)));
        awaitHandOffs(answer);
        return answer;
    }

    @Test
    void theSubscriptionHandshakeEchoesTheChallengeOnlyForTheVerifyToken() {
        Response ok = anonymous().get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(anonymous().get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1").status())
                .isEqualTo(403);
    }

    @Test
    void unsignedWronglySignedOversizedAndMalformedDeliveriesAreRefusedWithNothingStored() throws Exception {
        String phone = newPhone();
        byte[] good = delivery(digits(phone), "Eve", text("wamid.refused-1", digits(phone), "hi")).getBytes(StandardCharsets.UTF_8);
        long before = messages.count();

        assertThat(anonymous().post("/webhooks/whatsapp", "application/json", good, Map.of()).status()).isEqualTo(401);
        assertThat(anonymous().post("/webhooks/whatsapp", "application/json", good,
                Map.of("X-Hub-Signature-256", sign(good, "another-secret"))).status()).isEqualTo(401);
        byte[] huge = ("{\"entry\":[],\"padding\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        // over 3 MB by its declared length: refused from the header alone, the body never invited (no 100 Continue)
        String declared = anonymous().announceUpload("/webhooks/whatsapp", "application/json", huge.length,
                Map.of("X-Hub-Signature-256", sign(huge, APP_SECRET)));
        assertThat(declared).startsWith("HTTP/1.1 413").contains("Content-Type: application/problem+json")
                .contains("at most 3 MB");
        // over 3 MB with no declared length (streamed): refused once 3 MB and a byte were read, never read whole
        Response streamed = anonymous().postStreamed("/webhooks/whatsapp", "application/json",
                () -> new java.io.ByteArrayInputStream(huge), Map.of("X-Hub-Signature-256", sign(huge, APP_SECRET)));
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.contentType()).startsWith("application/problem+json");
        Response malformed = deliver("{\"entry\": [ {");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(deliver("{\"object\":\"whatsapp_business_account\"}").status()).isEqualTo(400);
        // a message without id or sender is not a malformed delivery: it is kept apart as rejected (admins see it)
        assertThat(deliver("{\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"type\":\"text\"}]}}]}]}").status()).isEqualTo(200);

        assertThat(messages.count()).isEqualTo(before);
        assertThat(contacts.findByPhone(phone)).isEmpty();
    }

    @Test
    void everyMessageTypeIsKeptWithATextAndAPayloadAndADuplicateChangesNothing() throws Exception {
        String phone = newPhone();
        String from = digits(phone);
        long ts = Instant.now().getEpochSecond();
        String json = delivery(from, "Kerry Fisher",
                text("wamid.types-text", from, "Hello"),
                "{\"from\":\"%s\",\"id\":\"wamid.types-button\",\"timestamp\":\"%d\",\"type\":\"button\",\"button\":{\"text\":\"Yes please\",\"payload\":\"CONFIRM\"}}".formatted(from, ts),
                "{\"from\":\"%s\",\"id\":\"wamid.types-list\",\"timestamp\":\"%d\",\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"size-m\",\"title\":\"Medium\",\"description\":\"M\"}}}".formatted(from, ts),
                "{\"from\":\"%s\",\"id\":\"wamid.types-image\",\"timestamp\":\"%d\",\"type\":\"image\",\"image\":{\"id\":\"media-77\",\"mime_type\":\"image/jpeg\",\"caption\":\"My receipt\"}}".formatted(from, ts),
                "{\"from\":\"%s\",\"id\":\"wamid.types-location\",\"timestamp\":\"%d\",\"type\":\"location\",\"location\":{\"latitude\":45.46,\"longitude\":9.19,\"name\":\"Duomo\",\"address\":\"Milano\"}}".formatted(from, ts),
                "{\"from\":\"%s\",\"id\":\"wamid.types-reaction\",\"timestamp\":\"%d\",\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.ours\",\"emoji\":\"👍\"}}".formatted(from, ts),
                "{\"from\":\"%s\",\"id\":\"wamid.types-unsupported\",\"timestamp\":\"%d\",\"type\":\"unknown\",\"errors\":[{\"code\":131051,\"title\":\"Message type unknown\"}]}".formatted(from, ts));

        assertThat(deliver(json).status()).isEqualTo(200);

        var contact = contacts.findByPhone(phone).orElseThrow();
        assertThat(contact.getName()).isEqualTo("Kerry Fisher");
        assertThat(contact.isUnread()).isTrue();
        List<Message> chat = messages.findByContactIdOrderByCreatedAtAscIdAsc(contact.getId());
        assertThat(chat).extracting(Message::getType, Message::getText, Message::getPayload).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("text", "Hello", null),
                org.assertj.core.groups.Tuple.tuple("button", "Yes please", "CONFIRM"),
                org.assertj.core.groups.Tuple.tuple("interactive", "Medium", "size-m"),
                org.assertj.core.groups.Tuple.tuple("image", "My receipt", "media-77"),
                org.assertj.core.groups.Tuple.tuple("location", "Duomo, Milano, 45.46,9.19", "45.46,9.19"),
                org.assertj.core.groups.Tuple.tuple("reaction", "👍", "wamid.ours"),
                org.assertj.core.groups.Tuple.tuple("unsupported", "", null));
        assertThat(chat).allMatch(m -> m.getDirection() == Message.Direction.INBOUND && m.getStatus() == MessageStatus.RECEIVED);

        // the message opened the 24h window: free text may go out now
        assertThat(admin().post("/api/contacts/" + contact.getId() + "/messages", "{\"text\":\"Thanks Kerry\"}").status())
                .isEqualTo(201);
        long count = messages.count();
        assertThat(deliver(json).status()).isEqualTo(200);
        assertThat(messages.count()).isEqualTo(count);
    }

    @Test
    void aDeliveryTooLongToKeepForItsHandOffIsStoredWholeBeforeTheAnswer() {
        String phone = newPhone();
        String[] texts = new String[30];
        for (int i = 0; i < texts.length; i++) { // 30 texts of WhatsApp's longest, 4,096 characters: 120 KB in all
            texts[i] = text("wamid.long-" + i + "-" + phone, digits(phone), String.valueOf((char) ('a' + i % 26)).repeat(4096));
        }
        byte[] body = delivery(digits(phone), "Long", texts).getBytes(StandardCharsets.UTF_8);

        Response answer = anonymous().post("/webhooks/whatsapp", "application/json", body,
                Map.of("X-Hub-Signature-256", sign(body, APP_SECRET)));

        assertThat(answer.status()).isEqualTo(200);
        var contact = contacts.findByPhone(phone).orElseThrow(); // stored by the request itself, not after it
        assertThat(messages.findByContactIdOrderByCreatedAtAscIdAsc(contact.getId())).hasSize(30)
                .allMatch(m -> m.getText().length() == 4096);
    }

    @Test
    void statusesMoveForwardOnlyAndAFailureKeepsItsErrorCode() throws Exception {
        long contact = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").json().path("id").asLong();
        Instant t = Instant.now();
        messages.save(new Message(contact, Message.Direction.OUTBOUND, "ok", null, "wamid.progress", MessageStatus.SENT, t));
        messages.save(new Message(contact, Message.Direction.OUTBOUND, "ko", null, "wamid.fails", MessageStatus.SENT, t));

        deliver(statuses(status("wamid.progress", "read")));
        deliver(statuses(status("wamid.progress", "delivered"), status("wamid.progress", "sent")));
        deliver(statuses("{\"id\":\"wamid.fails\",\"status\":\"failed\",\"timestamp\":\"" + t.getEpochSecond() + "\","
                + "\"recipient_id\":\"393201234567\",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\","
                + "\"error_data\":{\"details\":\"Receiver is incapable of receiving this message\"}}]}"));
        deliver(statuses(status("wamid.fails", "delivered"), status("wamid.unknown", "read")));

        assertThat(messages.findByWaMessageId("wamid.progress").orElseThrow().getStatus()).isEqualTo(MessageStatus.READ);
        Message failed = messages.findByWaMessageId("wamid.fails").orElseThrow();
        assertThat(failed.getStatus()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.getErrorCode()).isEqualTo(131026);
        assertThat(failed.getErrorTitle()).contains("Message undeliverable").contains("incapable");
    }

    private static String status(String wamid, String status) {
        return "{\"id\":\"%s\",\"status\":\"%s\",\"timestamp\":\"%d\",\"recipient_id\":\"393201234567\"}"
                .formatted(wamid, status, Instant.now().getEpochSecond());
    }

    @Test
    void aStopKeywordRevokesMarketingConsent() throws Exception {
        String phone = newPhone();
        long id = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"marketingConsent\":true}").json().path("id").asLong();

        deliver(delivery(digits(phone), "Ugo", text("wamid.stop-1", digits(phone), " Annulla ")));

        JsonNode contact = admin().get("/api/contacts/" + id).json();
        assertThat(contact.path("marketingConsent").asBoolean()).isFalse();
        assertThat(contact.path("marketingConsentSource").asText()).isEqualTo("STOP keyword");
        JsonNode history = admin().get("/api/contacts/" + id + "/consent-history").json();
        assertThat(history.get(history.size() - 1).path("granted").asBoolean()).isFalse();
    }

    @Test
    void sandboxMessagesAreDeliveredAndReadOnTheirOwn() throws Exception {
        String phone = newPhone();
        admin().post("/api/sandbox/inbound", "{\"from\":\"" + phone + "\",\"text\":\"ping\"}");
        long id = contacts.findByPhone(phone).orElseThrow().getId();
        long sent = admin().post("/api/contacts/" + id + "/messages", "{\"text\":\"pong\"}").json().path("id").asLong();

        MessageStatus status = null;
        for (int i = 0; i < 50 && status != MessageStatus.READ; i++) {
            Thread.sleep(100);
            status = messages.findById(sent).orElseThrow().getStatus();
        }
        assertThat(status).isEqualTo(MessageStatus.READ);
        assertThat(messages.findById(sent).orElseThrow().getWaMessageId()).startsWith("wamid.sandbox.");
    }
}
