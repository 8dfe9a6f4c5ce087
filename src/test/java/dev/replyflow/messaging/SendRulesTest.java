package dev.replyflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;

/** The rules every send obeys, and template definitions WhatsApp would refuse. */
class SendRulesTest extends ApiTest {

    private Channel channel;

    @BeforeEach
    void setUp() {
        channel = new Channel(admin());
        channel.topUp("20");
        channel.template("promo_news", "MARKETING");
        assertThat(admin().post("/api/fields", "{\"name\":\"coupon\",\"type\":\"TEXT\"}").status()).isIn(201, 409);
    }

    @Test
    void blockedContactsGetNothing() {
        String phone = newPhone();
        long contact = channel.contact(phone, true);
        channel.customerWrites(phone, "hello");
        admin().patch("/api/contacts/" + contact, "{\"blocked\":true}");

        Response refused = channel.sendText(contact, "hi");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("title").asText()).isEqualTo("Contact blocked");
        assertThat(channel.sendTemplate(contact, "promo_news").status()).isEqualTo(409);
        assertThat(admin().get("/api/contacts/" + contact + "/messages").json()).hasSize(1); // only its own message
    }

    @Test
    void aListMenuWithinWhatsAppsLimitsGoesOutAndOneBeyondThemIsA400NamingTheField() {
        String phone = newPhone();
        long contact = channel.contact(phone, false);
        channel.customerWrites(phone, "where can I pick it up?");
        String path = "/api/contacts/" + contact + "/messages";
        String rows = java.util.stream.IntStream.rangeClosed(1, 11).mapToObj(i -> "{\"id\":\"r" + i + "\",\"title\":\"Shop " + i + "\"}")
                .collect(java.util.stream.Collectors.joining(","));

        Response sent = admin().post(path, "{\"text\":\"Pick a shop\",\"list\":{\"button\":\"Shops\",\"sections\":[{\"rows\":["
                + "{\"id\":\"mi-1\",\"title\":\"Duomo\",\"description\":\"Open until 20:00\"}]}]}}");
        Response tooMany = admin().post(path, "{\"text\":\"Pick a shop\",\"list\":{\"button\":\"Shops\",\"sections\":[{\"rows\":["
                + rows + "]}]}}");
        Response longLabel = admin().post(path, "{\"text\":\"Pick a shop\",\"list\":{\"button\":\"Choose your pickup shop\","
                + "\"sections\":[{\"rows\":[{\"id\":\"a\",\"title\":\"A\"}]}]}}");
        Response withButtons = admin().post(path, "{\"text\":\"Pick\",\"buttons\":[{\"id\":\"y\",\"title\":\"Yes\"}],"
                + "\"list\":{\"button\":\"Shops\",\"sections\":[{\"rows\":[{\"id\":\"a\",\"title\":\"A\"}]}]}}");

        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().path("type").asText()).isEqualTo("interactive");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("field").asText()).isEqualTo("list.sections");
        assertThat(longLabel.json().path("field").asText()).isEqualTo("list.button");
        assertThat(withButtons.json().path("field").asText()).isEqualTo("list");
        assertThat(admin().get(path).json().findValuesAsText("direction").stream().filter("OUTBOUND"::equals)).hasSize(1);
    }

    @Test
    void marketingTemplatesNeedMarketingConsent() {
        long contact = channel.contact(newPhone(), false);

        Response refused = channel.sendTemplate(contact, "promo_news");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("title").asText()).isEqualTo("No marketing consent");
        assertThat(channel.conversations(contact)).isEmpty();
    }

    @Test
    void templateParametersAreFilledFromTheContactsDataAndCounted() {
        String phone = newPhone();
        long contact = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"name\":\"Sara\",\"marketingConsent\":true,"
                + "\"fields\":{\"coupon\":\"SARA10\"}}").json().path("id").asLong();
        admin().post("/api/templates", "{\"name\":\"coupon_offer\",\"language\":\"it\",\"category\":\"MARKETING\","
                + "\"body\":\"{{1}}, usa il codice {{2}}\",\"buttons\":[{\"type\":\"QUICK_REPLY\",\"text\":\"Grazie\"},"
                + "{\"type\":\"URL\",\"text\":\"Compra\",\"url\":\"https://shop.example/c/{{1}}\",\"utm\":{\"source\":\"whatsapp\","
                + "\"campaign\":\"coupon\"}}]}");

        Response sent = admin().post("/api/contacts/" + contact + "/messages", "{\"template\":\"coupon_offer\","
                + "\"parameters\":[\"Ciao {{contact.name}}\",\"{{fields.coupon}}\"],\"urlSuffix\":\"{{fields.coupon}}\"}");
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().path("text").asText()).isEqualTo("Ciao Sara, usa il codice SARA10");

        Response tooFew = admin().post("/api/contacts/" + contact + "/messages", "{\"template\":\"coupon_offer\","
                + "\"parameters\":[\"x\"],\"urlSuffix\":\"y\"}");
        assertThat(tooFew.status()).isEqualTo(400);
        assertThat(tooFew.json().path("field").asText()).isEqualTo("parameters");
        long other = channel.contact(newPhone(), true);
        Response missing = admin().post("/api/contacts/" + other + "/messages", "{\"template\":\"coupon_offer\","
                + "\"parameters\":[\"x\",\"{{fields.coupon}}\"],\"urlSuffix\":\"y\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("detail").asText()).contains("{{fields.coupon}}");
        assertThat(admin().post("/api/contacts/" + contact + "/messages", "{\"template\":\"nope\"}").json().path("field").asText())
                .isEqualTo("template");
    }

    @Test
    void templatesWhatsAppWouldRefuseAreRefusedHereNamingTheField() {
        String[][] cases = {
                {"{\"name\":\"Bad Name\",\"language\":\"it\",\"category\":\"UTILITY\",\"body\":\"x\"}", "name"},
                {"{\"name\":\"gap\",\"language\":\"it\",\"category\":\"UTILITY\",\"body\":\"{{1}} and {{3}}\"}", "body"},
                {"{\"name\":\"service\",\"language\":\"it\",\"category\":\"SERVICE\",\"body\":\"x\"}", "category"},
                {"{\"name\":\"media\",\"language\":\"it\",\"category\":\"UTILITY\",\"body\":\"x\",\"header\":{\"type\":\"IMAGE\"}}", "header.link"},
                {"{\"name\":\"utm\",\"language\":\"it\",\"category\":\"UTILITY\",\"body\":\"x\",\"buttons\":[{\"type\":\"URL\","
                        + "\"text\":\"Go\",\"url\":\"https://a.example\",\"utm\":{\"tracking\":\"x\"}}]}", "buttons[0].utm"},
                {"{\"name\":\"lang\",\"language\":\"italian!\",\"category\":\"UTILITY\",\"body\":\"x\"}", "language"}};
        for (String[] c : cases) {
            Response response = admin().post("/api/templates", c[0]);
            assertThat(response.status()).as(c[0]).isEqualTo(400);
            assertThat(response.json().path("field").asText()).as(c[0]).isEqualTo(c[1]);
        }
        JsonNode created = admin().post("/api/templates", "{\"name\":\"welcome_pic\",\"language\":\"en_us\",\"category\":\"MARKETING\","
                + "\"header\":{\"type\":\"IMAGE\",\"link\":\"https://cdn.example/w.jpg\"},\"body\":\"Welcome {{1}}\","
                + "\"footer\":\"Reply STOP to opt out\"}").json();
        assertThat(created.path("language").asText()).isEqualTo("en_US");
        assertThat(created.path("status").asText()).isEqualTo("APPROVED"); // the sandbox approves at once
        assertThat(admin().post("/api/templates", "{\"name\":\"welcome_pic\",\"language\":\"en_US\",\"category\":\"MARKETING\","
                + "\"body\":\"x\"}").status()).isEqualTo(409);
    }
}
