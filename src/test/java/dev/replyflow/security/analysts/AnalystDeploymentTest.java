package dev.replyflow.security.analysts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.replyflow.security.Roles;
import dev.replyflow.support.Api;
import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;

/** Analysts deploy automations made of catalogue steps, helpers and variables; nothing that runs code on the server. */
class AnalystDeploymentTest extends ApiTest {

    private static final String ANALYST = "ann";
    private static final String PASSWORD = "ann-secret-1";

    @Autowired
    IdentityService identityService;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;

    @BeforeEach
    void analystExists() {
        if (identityService.createUserQuery().userId(ANALYST).count() == 0) {
            User user = identityService.newUser(ANALYST);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(ANALYST, Roles.ANALYSTS_GROUP);
        }
    }

    private Api analyst() {
        return Api.as(port, ANALYST, PASSWORD);
    }

    private static String process(String key, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, body);
    }

    private static String expressionTask(String id, String expression) {
        return "<bpmn:serviceTask id=\"" + id + "\" camunda:expression=\"" + expression + "\"/>"
                + "<bpmn:sequenceFlow id=\"f-" + id + "\" sourceRef=\"start\" targetRef=\"" + id + "\"/>";
    }

    private Response deploy(Api as, String key, String xml) {
        return as.postFile("/engine-rest/deployment/create", key + ".bpmn", key + ".bpmn", xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAutomationOfCatalogueStepsHelpersAndVariablesDeploys() {
        String body = """
                <bpmn:serviceTask id="tag" camunda:delegateExpression="${addTag}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="tag">${replyText.toLowerCase()}</camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:exclusiveGateway id="vip" default="other"/>
                <bpmn:endEvent id="happy"/>
                <bpmn:endEvent id="done"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tag"/>
                <bpmn:sequenceFlow id="f2" sourceRef="tag" targetRef="vip"/>
                <bpmn:sequenceFlow id="yes" sourceRef="vip" targetRef="happy">
                  <bpmn:conditionExpression>${contact.hasTag('vip') &amp;&amp; reply.is('yes')}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="other" sourceRef="vip" targetRef="done"/>
                """;
        Response deployed = deploy(analyst(), "analyst-safe", process("analyst-safe", body));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    }

    @Test
    void reflectionInAnExpressionIsRefusedNamingTheElement() {
        Response refused = deploy(analyst(), "analyst-reflection", process("analyst-reflection",
                expressionTask("run-code", "${''.getClass().forName('java.lang.Runtime')}")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("'run-code'", "getClass");
        assertThat(admin().get("/engine-rest/process-definition?key=analyst-reflection").json().size()).isZero();
    }

    @Test
    void beansThatAreNoStepsClassesAndScriptsAreRefused() {
        Response bean = deploy(analyst(), "analyst-bean", process("analyst-bean",
                "<bpmn:serviceTask id=\"users\" camunda:delegateExpression=\"${identityService}\"/>"
                        + expressionTask("sql", "${jdbcTemplate.queryForList('select 1')}")));
        assertThat(bean.status()).isEqualTo(400);
        assertThat(bean.json().path("detail").asText()).contains("'users'", "'sql'", "jdbcTemplate");

        Response java = deploy(analyst(), "analyst-class", process("analyst-class",
                "<bpmn:serviceTask id=\"java\" camunda:class=\"java.lang.Object\"/>"
                        + "<bpmn:scriptTask id=\"js\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"));
        assertThat(java.status()).isEqualTo(400);
        assertThat(java.json().path("detail").asText()).contains("'java'", "camunda:class", "'js'", "script");
    }

    @Test
    void adminsDeployUnrestrictedButExpressionsStillReachOnlyStepsAndHelpers() {
        Response deployed = deploy(admin(), "admin-reaches-bean", process("admin-reaches-bean",
                expressionTask("users", "${identityService.createUserQuery().list()}")));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("admin-reaches-bean"))
                .hasMessageContaining("identityService");

        repository.createDeployment().addString("admin-reflection.bpmn", process("admin-reflection",
                expressionTask("run-code", "${''.getClass().forName('java.lang.Runtime')}"))).deploy();
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("admin-reflection")).hasStackTraceContaining("not allowed");
    }

    @Test
    void analystsReadLikeOperatorsButDoNotAdminister() {
        assertThat(analyst().get("/api/contacts").status()).isEqualTo(200);
        assertThat(analyst().post("/api/lists", "{\"name\":\"analyst list\"}").status()).isEqualTo(403);
        assertThat(analyst().get("/engine-rest/process-definition?key=welcome-reply").json().size()).isEqualTo(1);
    }
}
