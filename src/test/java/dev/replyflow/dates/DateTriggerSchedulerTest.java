package dev.replyflow.dates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.replyflow.support.ApiTest;

/** The Date condition trigger on the shared context: the real engine, database and platform clock. */
class DateTriggerSchedulerTest extends ApiTest {

    @Autowired
    DateTriggerScheduler scheduler;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Value("${replyflow.dates.zone:Europe/Rome}")
    String zone;

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String deploymentName = "date-trigger-test-" + run;

    @AfterEach
    void undeploy() {
        // the shared engine keeps no date: subscription of this test for the next ones
        repository.createDeploymentQuery().deploymentName(deploymentName).list()
                .forEach(d -> repository.deleteDeployment(d.getId(), true));
    }

    private LocalDate today() {
        return clock.instant().atZone(ZoneId.of(zone)).toLocalDate();
    }

    private void defineDateField(String name) {
        assertThat(admin().post("/api/fields", "{\"name\":\"" + name + "\",\"type\":\"DATE\"}").status()).isEqualTo(201);
    }

    private long contact(String phone, String field, LocalDate value) {
        var created = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"fields\":{\"" + field + "\":\"" + value + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    /** Deploys an automation whose signal start event has this name and that waits in a user task. */
    private void deploy(String key, String signalName) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
                  <bpmn:signal id="when" name="%s"/>
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="on-date"><bpmn:signalEventDefinition signalRef="when"/></bpmn:startEvent>
                    <bpmn:userTask id="greet"/>
                    <bpmn:endEvent id="end"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="on-date" targetRef="greet"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="greet" targetRef="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(signalName, key);
        repository.createDeployment().name(deploymentName).addString(key + ".bpmn", bpmn).deploy();
    }

    private List<ProcessInstance> instances(String key, String phone) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(key).processInstanceBusinessKey(phone).list();
    }

    @Test
    void aYearlyTriggerStartsItsAutomationOnceForEachContactWhoseDateMatchesToday() {
        String field = "birthday_" + run;
        defineDateField(field);
        LocalDate today = today();
        // 1992 is a leap year: any month and day of today exists in it
        String birthday = newPhone();
        long birthdayContact = contact(birthday, field, LocalDate.of(1992, today.getMonthValue(), today.getDayOfMonth()));
        String thisYear = newPhone();
        contact(thisYear, field, today);
        String otherDay = newPhone();
        contact(otherDay, field, LocalDate.of(1992, today.getMonthValue(), today.getDayOfMonth()).minusDays(10));
        String key = "birthday-" + run;
        String name = "date:" + field + ":yearly:P0D@00:00";
        deploy(key, name);

        scheduler.runNow();
        scheduler.runNow();

        List<ProcessInstance> started = instances(key, birthday);
        assertThat(started).hasSize(1);
        assertThat(runtime.getVariable(started.get(0).getId(), "triggerDate")).isEqualTo(today.toString());
        assertThat(runtime.getVariable(started.get(0).getId(), "contactId")).isEqualTo(birthdayContact);
        assertThat(runtime.getVariable(started.get(0).getId(), "contactPhone")).isEqualTo(birthday);
        assertThat(instances(key, thisYear)).hasSize(1);
        assertThat(instances(key, otherDay)).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(key).count()).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from date_trigger_fired where trigger_name = ? and contact_id = ?",
                Long.class, name, birthdayContact)).isEqualTo(1);
    }

    @Test
    void anExactTriggerWithANegativeOffsetFiresTheDayBeforeTheDate() {
        String field = "appointment_" + run;
        defineDateField(field);
        LocalDate today = today();
        String tomorrow = newPhone();
        contact(tomorrow, field, today.plusDays(1));
        String onToday = newPhone();
        contact(onToday, field, today);
        String nextYear = newPhone();
        contact(nextYear, field, today.plusDays(1).plusYears(1));
        String key = "reminder-" + run;
        deploy(key, "date:" + field + ":exact:-P1D@00:00");

        scheduler.runNow();
        scheduler.runNow();

        assertThat(instances(key, tomorrow)).hasSize(1);
        assertThat(instances(key, onToday)).isEmpty();
        assertThat(instances(key, nextYear)).isEmpty();
    }

    @Test
    void aRowAlreadyFiredByAnotherNodeIsSkipped() {
        String field = "renewal_" + run;
        defineDateField(field);
        LocalDate today = today();
        String phone = newPhone();
        long contact = contact(phone, field, today);
        String name = "date:" + field + ":exact:P0D@00:00";
        jdbc.update("insert into date_trigger_fired (trigger_name, contact_id, fire_date, fired_at) values (?, ?, ?, ?)",
                name, contact, today, java.time.OffsetDateTime.now());
        String key = "renewal-" + run;
        deploy(key, name);

        scheduler.runNow();

        assertThat(instances(key, phone)).isEmpty();
    }

    @Test
    void anInvalidDateSignalNameIsRefusedAtDeploy() {
        String key = "invalid-" + run;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deploy(key, "date:nothing_" + run + ":weekly:P0D@00:00"))
                .isInstanceOf(org.camunda.bpm.engine.ParseException.class).hasMessageContaining("weekly");

        scheduler.runNow();

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(key).count()).isZero();
    }
}
