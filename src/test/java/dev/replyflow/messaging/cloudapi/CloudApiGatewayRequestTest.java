package dev.replyflow.messaging.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.messaging.gateway.OutboundMessage.Button;
import dev.replyflow.messaging.gateway.OutboundMessage.ButtonKind;
import dev.replyflow.messaging.gateway.OutboundMessage.ButtonParameter;
import dev.replyflow.messaging.gateway.OutboundMessage.Buttons;
import dev.replyflow.messaging.gateway.OutboundMessage.Content;
import dev.replyflow.messaging.gateway.OutboundMessage.ListMenu;
import dev.replyflow.messaging.gateway.OutboundMessage.Media;
import dev.replyflow.messaging.gateway.OutboundMessage.MediaHeader;
import dev.replyflow.messaging.gateway.OutboundMessage.MediaType;
import dev.replyflow.messaging.gateway.OutboundMessage.Row;
import dev.replyflow.messaging.gateway.OutboundMessage.Section;
import dev.replyflow.messaging.gateway.OutboundMessage.Template;
import dev.replyflow.messaging.gateway.OutboundMessage.Text;
import dev.replyflow.messaging.gateway.OutboundMessage.TextHeader;

/** What goes over the wire for each kind of message, compared as JSON trees with what the Cloud API expects. */
class CloudApiGatewayRequestTest {

    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String TOKEN = "EAAG-test-token";
    private static final String WAMID = "wamid.HBgMMzkzMzMxMjM0NTY3FQIAERgSQjVGRjM2NUI3RkQ5RjI0QjFBAA==";
    private static final String ACCEPTED = """
            {"messaging_product":"whatsapp",
             "contacts":[{"input":"393331234567","wa_id":"393331234567"}],
             "messages":[{"id":"%s"}]}""".formatted(WAMID);

    private final ObjectMapper json = new ObjectMapper();
    private StubCloudApiServer stub;
    private CloudApiGateway gateway;

    @BeforeEach
    void start() throws Exception {
        stub = new StubCloudApiServer().answerJson(200, ACCEPTED);
        gateway = new CloudApiGateway(
                new CloudApiProperties(stub.baseUrl(), PHONE_NUMBER_ID, TOKEN, null, Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void postsToThePhoneNumbersMessagesWithTheBearerTokenAndReturnsTheWamid() {
        String wamid = gateway.send(new OutboundMessage("+393331234567", new Text("Ciao!")));

        assertThat(wamid).isEqualTo(WAMID);
        StubCloudApiServer.Request request = stub.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void text() throws Exception {
        assertSent(new Text("Your order has shipped"), """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"text","text":{"body":"Your order has shipped","preview_url":false}}""");
    }

    @Test
    void textWithALinkAsksForAPreview() throws Exception {
        assertSent(new Text("Track it at https://example.com/t/42"), """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"text","text":{"body":"Track it at https://example.com/t/42","preview_url":true}}""");
    }

    @Test
    void templateWithTextHeaderBodyAndButtonParameters() throws Exception {
        Template template = new Template("order_update", "it", new TextHeader("A-1042"), List.of("Mario", "42,00 €"),
                List.of(new ButtonParameter(0, ButtonKind.QUICK_REPLY, "YES"),
                        new ButtonParameter(1, ButtonKind.URL, "orders/A-1042")));

        assertSent(template, """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"template",
                 "template":{"name":"order_update","language":{"code":"it"},"components":[
                   {"type":"header","parameters":[{"type":"text","text":"A-1042"}]},
                   {"type":"body","parameters":[{"type":"text","text":"Mario"},{"type":"text","text":"42,00 €"}]},
                   {"type":"button","sub_type":"quick_reply","index":"0",
                    "parameters":[{"type":"payload","payload":"YES"}]},
                   {"type":"button","sub_type":"url","index":"1",
                    "parameters":[{"type":"text","text":"orders/A-1042"}]}]}}""");
    }

    @Test
    void templateWithADocumentHeader() throws Exception {
        Template template = new Template("invoice_ready", "en_US",
                new MediaHeader(MediaType.DOCUMENT, "https://files.example.com/inv-7.pdf", "invoice-7.pdf"),
                List.of("Mario"), List.of());

        assertSent(template, """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"template",
                 "template":{"name":"invoice_ready","language":{"code":"en_US"},"components":[
                   {"type":"header","parameters":[{"type":"document",
                     "document":{"link":"https://files.example.com/inv-7.pdf","filename":"invoice-7.pdf"}}]},
                   {"type":"body","parameters":[{"type":"text","text":"Mario"}]}]}}""");
    }

    @Test
    void templateWithAnImageHeaderOnly() throws Exception {
        Template template = new Template("new_collection", "it",
                new MediaHeader(MediaType.IMAGE, "https://cdn.example.com/summer.jpg", "ignored.jpg"), null, null);

        assertSent(template, """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"template",
                 "template":{"name":"new_collection","language":{"code":"it"},"components":[
                   {"type":"header","parameters":[{"type":"image",
                     "image":{"link":"https://cdn.example.com/summer.jpg"}}]}]}}""");
    }

    @Test
    void templateWithoutParametersHasNoComponents() throws Exception {
        assertSent(new Template("hello_world", "en_US", null, List.of(), List.of()), """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}}""");
    }

    @Test
    void interactiveButtons() throws Exception {
        Buttons buttons = new Buttons("Delivery", "Can we deliver tomorrow?", "Reply with a tap",
                List.of(new Button("yes", "Yes"), new Button("no", "No")));

        assertSent(buttons, """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"interactive",
                 "interactive":{"type":"button",
                   "header":{"type":"text","text":"Delivery"},
                   "body":{"text":"Can we deliver tomorrow?"},
                   "footer":{"text":"Reply with a tap"},
                   "action":{"buttons":[{"type":"reply","reply":{"id":"yes","title":"Yes"}},
                                        {"type":"reply","reply":{"id":"no","title":"No"}}]}}}""");
    }

    @Test
    void interactiveButtonsWithoutHeaderAndFooter() throws Exception {
        assertSent(new Buttons(null, "Still interested?", null, List.of(new Button("yes", "Yes"))), """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"interactive",
                 "interactive":{"type":"button","body":{"text":"Still interested?"},
                   "action":{"buttons":[{"type":"reply","reply":{"id":"yes","title":"Yes"}}]}}}""");
    }

    @Test
    void interactiveList() throws Exception {
        ListMenu list = new ListMenu("Our shops", "Where do you want to pick it up?", null, "Choose",
                List.of(new Section("Milan", List.of(new Row("mi-1", "Duomo", "Open until 20:00"),
                        new Row("mi-2", "Navigli", null))),
                        new Section("Rome", List.of(new Row("rm-1", "Termini", "Open 24h")))));

        assertSent(list, """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"interactive",
                 "interactive":{"type":"list",
                   "header":{"type":"text","text":"Our shops"},
                   "body":{"text":"Where do you want to pick it up?"},
                   "action":{"button":"Choose","sections":[
                     {"title":"Milan","rows":[{"id":"mi-1","title":"Duomo","description":"Open until 20:00"},
                                              {"id":"mi-2","title":"Navigli"}]},
                     {"title":"Rome","rows":[{"id":"rm-1","title":"Termini","description":"Open 24h"}]}]}}}""");
    }

    @Test
    void imageWithCaption() throws Exception {
        assertSent(new Media(MediaType.IMAGE, "https://cdn.example.com/a.jpg", "Your new sofa", null), """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"image","image":{"link":"https://cdn.example.com/a.jpg","caption":"Your new sofa"}}""");
    }

    @Test
    void documentWithFilename() throws Exception {
        assertSent(new Media(MediaType.DOCUMENT, "https://files.example.com/x.pdf", null, "contract.pdf"), """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"document","document":{"link":"https://files.example.com/x.pdf","filename":"contract.pdf"}}""");
    }

    @Test
    void audioNeverCarriesACaption() throws Exception {
        assertSent(new Media(MediaType.AUDIO, "https://cdn.example.com/v.ogg", "not allowed on audio", null), """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"393331234567",
                 "type":"audio","audio":{"link":"https://cdn.example.com/v.ogg"}}""");
    }

    private void assertSent(Content content, String expectedJson) throws Exception {
        assertThat(gateway.send(new OutboundMessage("+393331234567", content))).isEqualTo(WAMID);
        JsonNode sent = json.readTree(stub.onlyRequest().body());
        // compared as plain objects: JsonNode is Iterable, and AssertJ would otherwise diff it element by element
        assertThat((Object) sent).isEqualTo(json.readTree(expectedJson));
    }
}
