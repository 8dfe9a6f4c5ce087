package dev.replyflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.StreamSupport;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.replyflow.support.Api;
import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;

class SecurityRulesTest extends ApiTest {

    private static final String OPERATOR = "olivia";
    private static final String OPERATOR_PASSWORD = "olivia-secret-1";

    private static final String MINIMAL_BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
              <process id="deployed-by-test" isExecutable="true" camunda:historyTimeToLive="P1D">
                <startEvent id="start"/>
              </process>
            </definitions>
            """;

    @Autowired
    IdentityService identityService;

    @BeforeEach
    void operatorExists() {
        if (identityService.createUserQuery().userId(OPERATOR).count() == 0) {
            User user = identityService.newUser(OPERATOR);
            user.setPassword(OPERATOR_PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(OPERATOR, Roles.OPERATORS_GROUP);
        }
    }

    private Api operator() {
        return Api.as(port, OPERATOR, OPERATOR_PASSWORD);
    }

    @Test
    void apiAndEngineRestRefuseRequestsWithoutCredentials() {
        for (String path : new String[] {"/api/contacts", "/api/lists", "/engine-rest/process-definition", "/engine-rest/engine"}) {
            Response response = anonymous().get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.json().path("title").asText()).isEqualTo("Authentication required");
        }
    }

    /** A wrong password delays that user's next login (Camunda's throttling), so this uses a user of its own. */
    @Test
    void wrongPasswordAndUnknownUsersAreRefused() {
        if (identityService.createUserQuery().userId("mallory").count() == 0) {
            User user = identityService.newUser("mallory");
            user.setPassword("mallory-secret-1");
            identityService.saveUser(user);
            identityService.createMembership("mallory", Roles.ADMIN_GROUP);
        }
        assertThat(Api.as(port, "mallory", "not-the-password").get("/api/contacts").status()).isEqualTo(401);
        assertThat(Api.as(port, "nobody", "whatever").get("/engine-rest/process-definition").status()).isEqualTo(401);
        // Spring Boot's generated fallback user must not exist: Camunda's users are the only user store
        assertThat(Api.as(port, "user", "user").get("/api/contacts").status()).isEqualTo(401);
    }

    /** Verified credentials are remembered for a moment (RecentLogins), yet a change of password or group counts at once. */
    @Test
    void aChangedPasswordOrMembershipCountsAtOnceThoughLoginsAreRemembered() {
        String user = "rita";
        if (identityService.createUserQuery().userId(user).count() > 0) {
            identityService.deleteUser(user);
        }
        User rita = identityService.newUser(user);
        rita.setPassword("rita-secret-1");
        identityService.saveUser(rita);
        identityService.createMembership(user, Roles.ADMIN_GROUP);
        Api asRita = Api.as(port, user, "rita-secret-1");
        assertThat(asRita.get("/api/tokens").status()).isEqualTo(200);
        assertThat(asRita.get("/api/tokens").status()).isEqualTo(200); // remembered

        identityService.deleteMembership(user, Roles.ADMIN_GROUP);
        identityService.createMembership(user, Roles.OPERATORS_GROUP);
        assertThat(asRita.get("/api/tokens").status()).as("no longer an admin").isEqualTo(403);
        assertThat(asRita.get("/api/contacts").status()).as("an operator now").isEqualTo(200);

        User changed = identityService.createUserQuery().userId(user).singleResult();
        changed.setPassword("rita-secret-2");
        identityService.saveUser(changed);
        assertThat(asRita.get("/api/contacts").status()).as("the old password").isEqualTo(401);
        assertThat(Api.as(port, user, "rita-secret-2").get("/api/contacts").status()).isEqualTo(200);
        identityService.deleteUser(user);
    }

    @Test
    void adminCredentialsOpenTheApiAndTheEngineRestApi() {
        assertThat(admin().get("/api/contacts").status()).isEqualTo(200);
        Response definitions = admin().get("/engine-rest/process-definition");
        assertThat(definitions.status()).isEqualTo(200);
        assertThat(StreamSupport.stream(definitions.json().spliterator(), false).map(d -> d.path("key").asText()))
                .contains("welcome-reply");
    }

    @Test
    void healthAndTheOpenApiDescriptionArePublic() {
        Response health = anonymous().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        Response openApi = anonymous().get("/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().path("paths").has("/api/contacts")).isTrue();
        assertThat(openApi.json().path("paths").has("/api/lists/{id}/import")).isTrue();
    }

    @Test
    void operatorsReadAndChatButDoNotAdminister() {
        assertThat(operator().get("/api/contacts").status()).isEqualTo(200);
        Response created = operator().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String contact = "/api/contacts/" + created.json().path("id").asLong();
        assertThat(operator().post(contact + "/tags", "{\"tag\":\"lead\"}").status()).isEqualTo(200);

        Response forbidden = operator().post("/api/lists", "{\"name\":\"operator list\"}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(operator().post("/api/fields", "{\"name\":\"op_field\",\"type\":\"TEXT\"}").status()).isEqualTo(403);
        assertThat(operator().delete(contact).status()).isEqualTo(403);
        assertThat(admin().get(contact).status()).isEqualTo(200);
    }

    @Test
    void operatorsSeeProcessesInTheEngineButOnlyAdminsDeploy() {
        Response visible = operator().get("/engine-rest/process-definition?key=welcome-reply");
        assertThat(visible.status()).isEqualTo(200);
        assertThat(visible.json().size()).isEqualTo(1);

        byte[] bpmn = MINIMAL_BPMN.getBytes(StandardCharsets.UTF_8);
        Response refused = operator().postFile("/engine-rest/deployment/create", "process.bpmn", "process.bpmn", bpmn);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(admin().get("/engine-rest/process-definition?key=deployed-by-test").json().size()).isZero();

        Response deployed = admin().postFile("/engine-rest/deployment/create", "process.bpmn", "process.bpmn", bpmn);
        assertThat(deployed.status()).isEqualTo(200);
        assertThat(admin().get("/engine-rest/process-definition?key=deployed-by-test").json().size()).isEqualTo(1);
    }

    @Test
    void theModelerPageIsPublicAndEverythingItReadsNeedsALogin() throws Exception {
        Response page = Api.anonymous(port).get("/modeler/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Replyflow modeler</title>", "app.js");
        assertThat(Api.anonymous(port).get("/modeler/app.js").contentType()).contains("javascript");

        var http = java.net.http.HttpClient.newHttpClient();
        var fromBrowser = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://localhost:" + port + "/engine-rest/process-definition")).header("X-Requested-With", "XMLHttpRequest")
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(fromBrowser.statusCode()).isEqualTo(401);
        // the modeler's own sign-in form asks, not the browser's password dialog
        assertThat(fromBrowser.headers().firstValue("WWW-Authenticate")).isEmpty();
        var fromCurl = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://localhost:" + port + "/engine-rest/process-definition")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(fromCurl.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }
}
