package dev.replyflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** Shortcuts for the WhatsApp channel's API in tests: contacts, templates, the sandbox customer, the wallet. */
public final class Channel {

    private final Api api;

    public Channel(Api api) {
        this.api = api;
    }

    public long contact(String phone, boolean marketingConsent) {
        var response = api.post("/api/contacts", "{\"phone\":\"" + phone + "\",\"marketingConsent\":" + marketingConsent + "}");
        assertThat(response.status()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    /** An approved template of this category with one body parameter; created once per name. */
    public void template(String name, String category) {
        int status = api.post("/api/templates", "{\"name\":\"" + name + "\",\"language\":\"it\",\"category\":\"" + category
                + "\",\"body\":\"Ciao {{1}}, news for you\"}").status();
        assertThat(status).isIn(201, 409);
    }

    public Api.Response sendTemplate(long contact, String name) {
        return api.post("/api/contacts/" + contact + "/messages",
                "{\"template\":\"" + name + "\",\"language\":\"it\",\"parameters\":[\"Mario\"]}");
    }

    public Api.Response sendText(long contact, String text) {
        return api.post("/api/contacts/" + contact + "/messages", "{\"text\":\"" + text + "\"}");
    }

    /** The contact writes to us, through the sandbox (same pipeline as the webhook). */
    public void customerWrites(String phone, String text) {
        assertThat(api.post("/api/sandbox/inbound", "{\"from\":\"" + phone + "\",\"text\":\"" + text + "\"}").status())
                .isEqualTo(201);
    }

    public void advance(String duration) {
        assertThat(api.post("/api/sandbox/clock", "{\"advance\":\"" + duration + "\"}").status()).isEqualTo(200);
    }

    public JsonNode conversations(long contact) {
        return api.get("/api/contacts/" + contact + "/conversations").json();
    }

    public BigDecimal balance() {
        return api.get("/api/wallet").json().path("balance").decimalValue();
    }

    public void topUp(String amount) {
        assertThat(api.post("/api/wallet/top-ups", "{\"amount\":" + amount + "}").status()).isEqualTo(201);
    }
}
