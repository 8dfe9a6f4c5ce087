package dev.replyflow.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.Api;
import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;

/** Integrations use API tokens instead of a person's password: scoped, shown once, stored hashed, revocable. */
class ApiTokenTest extends ApiTest {

    private static final String WAITING = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
              <bpmn:message id="reply" name="customer-reply"/>
              <bpmn:process id="token-waits-for-reply" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="start"/>
                <bpmn:receiveTask id="wait" messageRef="reply"/>
                <bpmn:boundaryEvent id="no-response" attachedToRef="wait">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT24H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:userTask id="replied"/>
                <bpmn:endEvent id="silent"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
                <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="replied"/>
                <bpmn:sequenceFlow id="f3" sourceRef="no-response" targetRef="silent"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;

    @BeforeEach
    void deploy() {
        repository.createDeployment().name("token-test").enableDuplicateFiltering(true)
                .addString("token-waits-for-reply.bpmn", WAITING).deploy();
    }

    private JsonNode create(String body) {
        Response created = admin().post("/api/tokens", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static String correlation(String messageName, String phone) {
        return """
                {"messageName":"%s","businessKey":"%s","all":true,
                 "processVariables":{"replyText":{"value":"yes","type":"String"}}}""".formatted(messageName, phone);
    }

    @Test
    void aCorrelateTokenHandsOverARepliesButCannotReadContacts() {
        JsonNode created = create("{\"name\":\"CRM\",\"scopes\":[\"replies:correlate\"]}");
        assertThat(created.path("token").asText()).startsWith("rft_");
        Api crm = Api.bearer(port, created.path("token").asText());
        String phone = newPhone();
        String instance = runtime.startProcessInstanceByKey("token-waits-for-reply", phone).getId();

        Response correlated = crm.post("/engine-rest/message", correlation("customer-reply", phone));

        assertThat(correlated.status()).as(correlated.body()).isEqualTo(204);
        assertThat(runtime.getVariable(instance, "replyText")).isEqualTo("yes");
        assertThat(runtime.createExecutionQuery().processInstanceId(instance).activityId("replied").count()).isEqualTo(1);

        Response contacts = crm.get("/api/contacts");
        assertThat(contacts.status()).isEqualTo(403);
        assertThat(contacts.contentType()).startsWith("application/problem+json");
        assertThat(crm.get("/engine-rest/process-definition").status()).isEqualTo(403);
        // only replies: no other message (a customer-message trigger would start automations)
        Response other = crm.post("/engine-rest/message", correlation("customer-message:hello", phone));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().path("field").asText()).isEqualTo("messageName");
    }

    @Test
    void theSecretIsShownOnceAndTheListShowsUseButNoSecret() {
        JsonNode created = create("{\"name\":\"Reader\",\"scopes\":[\"read\"],\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
        Api reader = Api.bearer(port, created.path("token").asText());
        assertThat(reader.get("/api/contacts").status()).isEqualTo(200);
        assertThat(reader.post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").status()).isEqualTo(403);

        Response list = admin().get("/api/tokens");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(created.path("token").asText());
        JsonNode listed = null;
        for (JsonNode t : list.json()) {
            if (t.path("id").asLong() == created.path("id").asLong()) {
                listed = t;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.has("token")).isFalse();
        assertThat(listed.path("name").asText()).isEqualTo("Reader");
        assertThat(listed.path("lastUsedAt").isNull()).isFalse();
        assertThat(listed.path("expiresAt").asText()).startsWith("2099-01-01");
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        JsonNode created = create("{\"name\":\"Old CRM\",\"scopes\":[\"read\",\"contacts:write\"]}");
        Api crm = Api.bearer(port, created.path("token").asText());
        assertThat(crm.post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").status()).isEqualTo(201);

        assertThat(admin().delete("/api/tokens/" + created.path("id").asLong()).status()).isEqualTo(204);

        Response refused = crm.get("/api/contacts");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Api.bearer(port, "rft_made-up").get("/api/contacts").status()).isEqualTo(401);
        assertThat(admin().delete("/api/tokens/999999").status()).isEqualTo(404);
    }

    @Test
    void aStartTokenStartsAutomationsOnlyAndTokensCannotMakeTokens() {
        JsonNode created = create("{\"name\":\"Shop\",\"scopes\":[\"automations:start\"]}");
        Api shop = Api.bearer(port, created.path("token").asText());
        Response started = shop.post("/api/automations/token-waits-for-reply/start", "{\"phone\":\"" + newPhone() + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(shop.post("/api/tokens", "{\"name\":\"x\",\"scopes\":[\"read\"]}").status()).isEqualTo(403);
        assertThat(shop.get("/api/tokens").status()).isEqualTo(403);
    }

    @Test
    void badRequestsNameTheField() {
        assertThat(admin().post("/api/tokens", "{\"scopes\":[\"read\"]}").json().path("field").asText()).isEqualTo("name");
        Response scope = admin().post("/api/tokens", "{\"name\":\"x\",\"scopes\":[\"everything\"]}");
        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.json().path("field").asText()).isEqualTo("scopes");
        assertThat(admin().post("/api/tokens", "{\"name\":\"x\",\"scopes\":[]}").json().path("field").asText()).isEqualTo("scopes");
        Response past = admin().post("/api/tokens", "{\"name\":\"x\",\"scopes\":[\"read\"],\"expiresAt\":\"2001-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().path("field").asText()).isEqualTo("expiresAt");
    }
}
