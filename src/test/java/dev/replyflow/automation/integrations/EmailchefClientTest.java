package dev.replyflow.automation.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.support.StubHttpServer.Reply;

/** The Emailchef REST calls, against a local stub: the upsert into a list, headers, bodies, errors. */
class EmailchefClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContactDetails MARIO = new ContactDetails("mario@example.com", "Mario", "Rossi", "+393201234567");
    private static final String ADDED = "{\"status\":\"OK\",\"contact_added_to_list\":true,\"updated\":false,\"contact_id\":\"4512\"}";

    private final StubServer stub;

    EmailchefClientTest() throws IOException {
        stub = new StubServer();
    }

    @AfterEach
    void close() {
        stub.close();
    }

    private EmailchefClient client(String key, String phoneField) {
        var properties = new IntegrationProperties(Duration.ofSeconds(2), Duration.ofSeconds(2), null,
                new IntegrationProperties.Emailchef(stub.url("/ec/apps/api/v1"), key, "ec-consumer-secret", phoneField), null);
        return new EmailchefClient(properties, new IntegrationHttp(properties));
    }

    private EmailchefClient client() {
        return client("ec-consumer-key", null);
    }

    @Test
    void aNewContactIsPostedToTheList() throws Exception {
        stub.on("GET", "/ec/apps/api/v1/contacts", Reply.json(200, "[]"));
        stub.on("POST", "/ec/apps/api/v1/contacts", Reply.json(200, ADDED));

        assertThat(client().addToList("98765", MARIO)).isEqualTo("4512");

        var search = stub.only("GET", "/ec/apps/api/v1/contacts");
        assertThat(search.query())
                .isEqualTo("query_string=mario%40example.com&limit=10&offset=0&list_id=98765&orderby=e&ordertype=a");
        var post = stub.only("POST", "/ec/apps/api/v1/contacts");
        for (var request : stub.requests()) {
            assertThat(request.header("consumerKey")).isEqualTo("ec-consumer-key");
            assertThat(request.header("consumerSecret")).isEqualTo("ec-consumer-secret");
        }
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(post.json()).isEqualTo(JSON.readTree("""
                {"instance_in":{"list_id":98765,"status":"ACTIVE","email":"mario@example.com","firstname":"Mario",
                 "lastname":"Rossi","custom_fields":[{"place_holder":"phone","value":"+393201234567"}],"mode":"ADMIN"}}"""));
    }

    @Test
    void aContactAlreadyInTheListIsUpdatedThere() throws Exception {
        stub.on("GET", "/ec/apps/api/v1/contacts", Reply.json(200, """
                [{"id":"4100","email":"mario.rossi@example.com","firstname":"Mario","lastname":"Rossi"},
                 {"id":"4512","email":"Mario@Example.com","firstname":"Mario","lastname":""}]"""));
        stub.on("PUT", "/ec/apps/api/v1/contacts/4512", Reply.json(200, "{\"status\":\"OK\"}"));

        assertThat(client("ec-consumer-key", "mobile").addToList(" 98765 ", MARIO)).isEqualTo("4512");

        assertThat(stub.requests("POST", "/ec/apps/api/v1/contacts")).isEmpty();
        assertThat(stub.only("PUT", "/ec/apps/api/v1/contacts/4512").json().path("instance_in").path("custom_fields"))
                .isEqualTo(JSON.readTree("[{\"place_holder\":\"mobile\",\"value\":\"+393201234567\"}]"));
    }

    @Test
    void withABlankPhoneFieldNoPhoneIsSent() {
        stub.on("GET", "/ec/apps/api/v1/contacts", Reply.json(200, "[]"));
        stub.on("POST", "/ec/apps/api/v1/contacts", Reply.json(200, ADDED));

        client("ec-consumer-key", "").addToList("98765", MARIO);

        assertThat(stub.only("POST", "/ec/apps/api/v1/contacts").json().path("instance_in").path("custom_fields")).isEmpty();
    }

    @Test
    void wrongKeysAreRefused() {
        stub.on("GET", "/ec/apps/api/v1/contacts", Reply.text(401, "Unauthorized"));

        assertThatThrownBy(() -> client().addToList("98765", MARIO)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("Emailchef refused the request (HTTP 401): Unauthorized");
    }

    @Test
    void anErrorInASuccessfulAnswerIsARefusal() {
        stub.on("GET", "/ec/apps/api/v1/contacts", Reply.json(200, "[]"));
        stub.on("POST", "/ec/apps/api/v1/contacts", Reply.json(200,
                "{\"status\":\"ERROR\",\"message\":\"invalid_email\",\"more_info\":\"mario@example\"}"));

        assertThatThrownBy(() -> client().addToList("98765", MARIO)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("Emailchef refused the contact: invalid_email: mario@example");
    }

    @Test
    void anUnknownListIsRefused() {
        stub.on("GET", "/ec/apps/api/v1/contacts", Reply.json(200, "[]"));
        stub.on("POST", "/ec/apps/api/v1/contacts", Reply.json(404, "{\"status\":\"ERROR\",\"message\":\"resource_not_found\"}"));

        assertThatThrownBy(() -> client().addToList("98765", MARIO)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("Emailchef refused the request (HTTP 404): resource_not_found");
    }

    @Test
    void anOutageIsWorthARetry() {
        stub.on("GET", "/ec/apps/api/v1/contacts", Reply.text(503, "Service Unavailable"));

        assertThatThrownBy(() -> client().addToList("98765", MARIO)).isInstanceOf(IntegrationUnavailableException.class)
                .hasMessage("Emailchef is unavailable (HTTP 503): Service Unavailable");
    }

    @Test
    void aListIdThatIsNotANumberIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> client().addToList("newsletter", MARIO)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessageContaining("list id must be the number").hasMessageContaining("'newsletter'");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void withoutKeysNothingIsSentAndTheMissingKeyIsNamed() {
        assertThatThrownBy(() -> client(null, null).addToList("98765", MARIO)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("Emailchef is not configured: set replyflow.integrations.emailchef.consumer-key");
        assertThat(stub.requests()).isEmpty();
    }
}
