package dev.replyflow.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signed WhatsApp webhook deliveries, as Meta sends them (the test profile's app secret). */
public final class Webhooks {

    public static final String APP_SECRET = "test-app-secret";

    private Webhooks() {
    }

    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Api.Response deliver(Api api, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return api.post("/webhooks/whatsapp", "application/json", body, Map.of("X-Hub-Signature-256", sign(body, APP_SECRET)));
    }

    /** A delivery of one text message from {@code phone} (E.164). */
    public static String textFrom(String phone, String wamid, String text) {
        String from = phone.substring(1);
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","contacts":[{"profile":{"name":"Customer"},"wa_id":"%s"}],
                 "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}
                """.formatted(from, from, wamid, Instant.now().getEpochSecond(), text);
    }

    public static String status(String wamid, String status) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"1"}]}}]}]}
                """.formatted(wamid, status, Instant.now().getEpochSecond());
    }
}
