package dev.replyflow.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;

class BusinessHoursApiTest extends ApiTest {

    @Autowired
    BusinessHoursSettings settings;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    java.time.Clock clock;

    @AfterEach
    void alwaysOpenAgain() {
        settings.replace(BusinessHours.ALWAYS_OPEN);
    }

    @Test
    void businessHoursAreStoredAndBadOnesRefusedNamingTheField() {
        String hours = "{\"zone\":\"Europe/Rome\",\"week\":{\"MONDAY\":[[\"09:00\",\"18:00\"]]},\"holidays\":[\"12-25\"]}";
        assertThat(admin().put("/api/settings/business-hours", hours).status()).isEqualTo(200);
        assertThat(admin().get("/api/settings/business-hours").json().path("week").path("MONDAY").get(0).get(1).asText())
                .isEqualTo("18:00");

        Response bad = admin().put("/api/settings/business-hours", "{\"zone\":\"Europe/Rome\",\"week\":{\"MONDAY\":[[\"9\",\"18:00\"]]}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asText()).isEqualTo("week.MONDAY[0]");
        assertThat(admin().get("/api/settings/business-hours").json().path("holidays").get(0).asText()).isEqualTo("12-25");
    }

    @Test
    void aDelayCanWaitUntilTheNextOpeningTime() {
        // open one hour a week, so the next opening is in the future whatever the time now
        settings.replace(new BusinessHours("UTC", Map.of("SUNDAY", java.util.List.of(java.util.List.of("03:00", "04:00"))), null));
        repository.createDeployment().addString("until-open.bpmn", """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
                  <bpmn:process id="until-open" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
                    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition>
                      <bpmn:timeDate>${businessHours.nextOpening()}</bpmn:timeDate></bpmn:timerEventDefinition>
                    </bpmn:intermediateCatchEvent>
                    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """).deploy();

        String instance = runtime.startProcessInstanceByKey("until-open").getId();

        Date due = management.createJobQuery().processInstanceId(instance).singleResult().getDuedate();
        Instant expected = settings.current().nextOpening(clock.instant()); // the platform clock, moved by other tests
        assertThat(due.toInstant()).isBetween(expected.minusSeconds(120), expected.plusSeconds(120));
        assertThat(due.toInstant().atZone(java.time.ZoneOffset.UTC).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SUNDAY);
        assertThat(due.toInstant().atZone(java.time.ZoneOffset.UTC).getHour()).isEqualTo(3);
    }
}
