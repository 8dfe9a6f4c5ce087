package dev.replyflow.automation.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.support.StubHttpServer.Reply;

/** The ActiveCampaign API v3 calls, against a local stub: paths, headers, bodies, and what errors become. */
class ActiveCampaignClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContactDetails MARIO = new ContactDetails("mario@example.com", "Mario", "De Rossi", "+393201234567");
    private static final String SYNCED = """
            {"fieldValues":[],"contact":{"email":"mario@example.com","cdate":"2026-03-01T10:00:00-06:00",
             "udate":"2026-03-01T10:00:00-06:00","orgid":"","links":{},"id":"113","organization":""}}""";

    private final StubServer stub = newStub();

    @AfterEach
    void close() {
        stub.close();
    }

    private ActiveCampaignClient client(String baseUrl, String token) {
        var properties = new IntegrationProperties(Duration.ofSeconds(2), Duration.ofMillis(500),
                new IntegrationProperties.ActiveCampaign(baseUrl, token), null, null);
        return new ActiveCampaignClient(properties, new IntegrationHttp(properties));
    }

    private ActiveCampaignClient client() {
        return client(stub.url("/ac/"), "ac-secret-token");
    }

    @Test
    void syncPostsTheContactWithTheApiToken() throws Exception {
        stub.on("POST", "/ac/api/3/contact/sync", Reply.json(201, SYNCED));

        assertThat(client().syncContact(MARIO)).isEqualTo("113");

        var request = stub.only("POST", "/ac/api/3/contact/sync");
        assertThat(request.header("Api-Token")).isEqualTo("ac-secret-token");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.json()).isEqualTo(JSON.readTree("""
                {"contact":{"email":"mario@example.com","firstName":"Mario","lastName":"De Rossi","phone":"+393201234567"}}"""));
    }

    @Test
    void syncLeavesOutANameTheContactDoesNotHave() throws Exception {
        stub.on("POST", "/ac/api/3/contact/sync", Reply.json(200, SYNCED));

        client().syncContact(new ContactDetails("anna@example.com", null, null, "+393207654321"));

        assertThat(stub.only("POST", "/ac/api/3/contact/sync").json())
                .isEqualTo(JSON.readTree("{\"contact\":{\"email\":\"anna@example.com\",\"phone\":\"+393207654321\"}}"));
    }

    @Test
    void addTagUsesTheTagOfExactlyThatName() throws Exception {
        stub.on("GET", "/ac/api/3/tags", Reply.json(200, """
                {"tags":[{"tagType":"contact","tag":"vip-2025","description":"","id":"3"},
                         {"tagType":"template","tag":"VIP","description":"","id":"5"},
                         {"tagType":"contact","tag":"VIP","description":"","id":"7"}],"meta":{"total":"3"}}"""));
        stub.on("POST", "/ac/api/3/contactTags", Reply.json(201,
                "{\"contactTag\":{\"contact\":\"113\",\"tag\":\"7\",\"cdate\":\"2026-03-01T10:00:00-06:00\",\"id\":\"41\"}}"));

        client().addTag("113", "vip");

        assertThat(stub.only("GET", "/ac/api/3/tags").query()).isEqualTo("search=vip&limit=100");
        assertThat(stub.requests("POST", "/ac/api/3/tags")).isEmpty();
        var contactTag = stub.only("POST", "/ac/api/3/contactTags");
        assertThat(contactTag.header("Api-Token")).isEqualTo("ac-secret-token");
        assertThat(contactTag.json()).isEqualTo(JSON.readTree("{\"contactTag\":{\"contact\":\"113\",\"tag\":\"7\"}}"));
    }

    @Test
    void addTagCreatesATagActiveCampaignDoesNotHave() throws Exception {
        stub.on("GET", "/ac/api/3/tags", Reply.json(200, "{\"tags\":[],\"meta\":{\"total\":\"0\"}}"));
        stub.on("POST", "/ac/api/3/tags", Reply.json(201,
                "{\"tag\":{\"tag\":\"whatsapp lead\",\"description\":\"\",\"tagType\":\"contact\",\"id\":\"21\"}}"));
        stub.on("POST", "/ac/api/3/contactTags", Reply.json(201, "{\"contactTag\":{\"contact\":\"113\",\"tag\":\"21\",\"id\":\"42\"}}"));

        client().addTag("113", "whatsapp lead");

        assertThat(stub.only("GET", "/ac/api/3/tags").query()).isEqualTo("search=whatsapp+lead&limit=100");
        assertThat(stub.only("POST", "/ac/api/3/tags").json()).isEqualTo(JSON.readTree(
                "{\"tag\":{\"tag\":\"whatsapp lead\",\"tagType\":\"contact\",\"description\":\"\"}}"));
        assertThat(stub.only("POST", "/ac/api/3/contactTags").json())
                .isEqualTo(JSON.readTree("{\"contactTag\":{\"contact\":\"113\",\"tag\":\"21\"}}"));
    }

    @Test
    void invalidDataIsRefusedWithActiveCampaignsOwnText() {
        stub.on("POST", "/ac/api/3/contact/sync", Reply.json(422, """
                {"errors":[{"title":"Email address is not valid.","detail":"","code":"email_invalid",
                  "source":{"pointer":"/data/attributes/email"}}]}"""));

        assertThatThrownBy(() -> client().syncContact(MARIO)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("ActiveCampaign refused the request (HTTP 422): Email address is not valid.");
    }

    @Test
    void aWrongTokenIsRefused() {
        stub.on("POST", "/ac/api/3/contact/sync", Reply.json(403,
                "{\"message\":\"You are not authorized to access this resource\"}"));

        assertThatThrownBy(() -> client().syncContact(MARIO)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("ActiveCampaign refused the request (HTTP 403): You are not authorized to access this resource")
                .hasMessageNotContaining("ac-secret-token");
    }

    @Test
    void serverErrorsAndRateLimitsAreWorthARetry() {
        stub.on("POST", "/ac/api/3/contact/sync", Reply.text(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"));
        assertThatThrownBy(() -> client().syncContact(MARIO)).isInstanceOf(IntegrationUnavailableException.class)
                .hasMessage("ActiveCampaign is unavailable (HTTP 502): 502 Bad Gateway");

        stub.on("POST", "/ac/api/3/contact/sync", Reply.json(429, "{\"message\":\"Too Many Requests\"}"));
        assertThatThrownBy(() -> client().syncContact(MARIO)).isInstanceOf(IntegrationUnavailableException.class)
                .hasMessageContaining("HTTP 429");
    }

    @Test
    void aRedirectIsNotFollowedWithTheToken() {
        stub.on("POST", "/ac/api/3/contact/sync", request -> Reply.of(301, "text/html", "Moved"));

        assertThatThrownBy(() -> client().syncContact(MARIO)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("ActiveCampaign answered with a redirect (HTTP 301): check its base-url");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void anAnswerThatIsNotJsonIsRefused() {
        stub.on("POST", "/ac/api/3/contact/sync", Reply.text(200, "<html><title>ActiveCampaign login</title></html>"));

        assertThatThrownBy(() -> client().syncContact(MARIO)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("ActiveCampaign answered HTTP 200 with something other than JSON: ActiveCampaign login");
    }

    @Test
    void aSlowAnswerIsATimeoutWorthARetry() {
        stub.on("POST", "/ac/api/3/contact/sync", Reply.json(200, SYNCED).after(Duration.ofSeconds(2)));

        assertThatThrownBy(() -> client().syncContact(MARIO)).isInstanceOf(IntegrationUnavailableException.class)
                .hasMessageContaining("did not answer within 500 ms");
    }

    @Test
    void aRefusedConnectionIsWorthARetry() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> client("http://127.0.0.1:" + closedPort, "t").syncContact(MARIO))
                .isInstanceOf(IntegrationUnavailableException.class).hasMessageContaining("Could not connect to ActiveCampaign");
    }

    @Test
    void withoutConfigurationNothingIsSentAndTheMissingKeyIsNamed() {
        assertThatThrownBy(() -> client(stub.url("/ac"), " ").syncContact(MARIO)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("ActiveCampaign is not configured: set replyflow.integrations.activecampaign.api-token");
        assertThatThrownBy(() -> client(null, "t").syncContact(MARIO)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("ActiveCampaign is not configured: set replyflow.integrations.activecampaign.base-url");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void aContactWithoutEmailCannotBeSynced() {
        assertThatThrownBy(() -> client().syncContact(new ContactDetails(null, "Mario", null, "+393201234567")))
                .isInstanceOf(IntegrationRejectedException.class)
                .hasMessageContaining("ActiveCampaign needs the contact's email")
                .hasMessageContaining("+393201234567 has no value in its field 'email'");
        assertThat(stub.requests()).isEmpty();
    }

    private static StubServer newStub() {
        try {
            return new StubServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
