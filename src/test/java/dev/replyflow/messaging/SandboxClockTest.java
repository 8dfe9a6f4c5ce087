package dev.replyflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;

/** Moving the sandbox clock moves the engine too: a 24-hour wait ends in seconds. */
class SandboxClockTest extends ApiTest {

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;

    @Test
    void advancingTheClockRunsTheTimersThatBecameDue() {
        String phone = newPhone();
        String instance = runtimeService.startProcessInstanceByKey("welcome-reply", phone).getId();

        Response early = admin().post("/api/sandbox/clock", "{\"advance\":\"PT23H\"}");
        assertThat(early.status()).isEqualTo(200);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isEqualTo(1);

        JsonNode late = admin().post("/api/sandbox/clock", "{\"advance\":\"PT2H\"}").json();

        assertThat(late.path("timersRun").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("no-response").count()).isEqualTo(1);
    }

    @Test
    void aBadDurationNamesTheField() {
        Response response = admin().post("/api/sandbox/clock", "{\"advance\":\"tomorrow\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo("advance");
        assertThat(admin().post("/api/sandbox/clock", "{\"advance\":\"-PT1H\"}").status()).isEqualTo(400);
    }
}
