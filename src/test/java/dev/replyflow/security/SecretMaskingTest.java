package dev.replyflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.replyflow.support.Api;
import dev.replyflow.support.ApiTest;

/** Webhook URLs act as passwords: operators see the automations, not those URLs. */
class SecretMaskingTest extends ApiTest {

    private static final String HOOK = "https://hooks.zapier.com/hooks/catch/123/abc-secret/";
    private static final String PROCESS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
              <bpmn:process id="masking-test" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="start"/>
                <bpmn:userTask id="wait">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="url">%s</camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
              </bpmn:process>
            </bpmn:definitions>
            """.formatted(HOOK);

    @Autowired
    IdentityService identityService;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;

    private String instance;

    @BeforeEach
    void setUp() {
        if (identityService.createUserQuery().userId("oscar").count() == 0) {
            User user = identityService.newUser("oscar");
            user.setPassword("oscar-secret-1");
            identityService.saveUser(user);
            identityService.createMembership("oscar", Roles.OPERATORS_GROUP);
        }
        repository.createDeployment().enableDuplicateFiltering(true).addString("masking-test.bpmn", PROCESS).deploy();
        instance = runtime.startProcessInstanceByKey("masking-test", newPhone(),
                Map.of("apiToken", "tok-123", "orderNumber", "A-1")).getId();
    }

    private Api operator() {
        return Api.as(port, "oscar", "oscar-secret-1");
    }

    @Test
    void operatorsSeeSecretVariablesMasked() {
        String list = operator().get("/engine-rest/variable-instance?processInstanceIdIn=" + instance).body();
        assertThat(list).contains("A-1", SecretMasking.MASK).doesNotContain(HOOK).doesNotContain("tok-123");
        String map = operator().get("/engine-rest/process-instance/" + instance + "/variables").body();
        assertThat(map).contains("A-1").doesNotContain("tok-123");
        assertThat(operator().get("/engine-rest/process-instance/" + instance + "/variables/apiToken").body())
                .doesNotContain("tok-123");
        String history = operator().get("/engine-rest/history/variable-instance?processInstanceId=" + instance).body();
        assertThat(history).contains("A-1").doesNotContain(HOOK).doesNotContain("tok-123");
        String xml = operator().get("/engine-rest/process-definition/key/masking-test/xml").body();
        assertThat(xml).contains("name=\\\"url\\\">" + SecretMasking.MASK).doesNotContain(HOOK);
    }

    @Test
    void adminsSeeThem() {
        assertThat(admin().get("/engine-rest/variable-instance?processInstanceIdIn=" + instance).body()).contains(HOOK, "tok-123");
        assertThat(admin().get("/engine-rest/process-definition/key/masking-test/xml").body()).contains(HOOK);
    }
}
