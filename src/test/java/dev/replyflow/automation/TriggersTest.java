package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.replyflow.settings.BusinessHours;
import dev.replyflow.settings.BusinessHoursSettings;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;

/** Inbound routing and the broadcast triggers start automations with the contact's business key. */
class TriggersTest extends ApiTest {

    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    RepositoryService repository;
    @Autowired
    BusinessHoursSettings businessHours;
    @Autowired
    Clock clock;
    @Autowired
    dev.replyflow.support.Background background;

    private Channel channel;

    @BeforeEach
    void setUp() {
        channel = new Channel(admin());
        channel.topUp("20");
    }

    @AfterEach
    void alwaysOpen() {
        businessHours.replace(BusinessHours.ALWAYS_OPEN);
    }

    private long instances(String key, String phone) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(key).processInstanceBusinessKey(phone).count();
    }

    private String phoneWithContact() {
        String phone = newPhone();
        channel.contact(phone, false);
        return phone;
    }

    /** Open only on a day that is not today (platform clock, UTC): now is outside business hours. */
    private void closedNow(List<String> holidays) {
        DayOfWeek other = clock.instant().atZone(ZoneOffset.UTC).getDayOfWeek().plus(3);
        businessHours.replace(new BusinessHours("UTC", Map.of(other.name(), List.of(List.of("09:00", "10:00"))), holidays));
    }

    @Test
    void aCustomersPhraseStartsItsAutomationWhateverTheCaseAndSpacing() {
        String phone = newPhone();
        channel.customerWrites(phone, "  CIAO  ");
        assertThat(instances("welcome-by-phrase", phone)).isEqualTo(1);
        var instance = runtime.createProcessInstanceQuery().processDefinitionKey("welcome-by-phrase").processInstanceBusinessKey(phone)
                .singleResult();
        assertThat(runtime.getVariable(instance.getId(), "contactPhone")).isEqualTo(phone);
        assertThat(runtime.getVariable(instance.getId(), "replyText")).isEqualTo("  CIAO  ");
        channel.customerWrites(phone, "ciao a tutti");
        assertThat(instances("welcome-by-phrase", phone)).isEqualTo(1); // not the exact phrase
    }

    @Test
    void aPhraseNotWrittenTheWayItIsComparedIsRefusedAtDeploy() {
        String bpmn = Bpmn.process("bad-phrase", "<bpmn:startEvent id=\"hello\"><bpmn:messageEventDefinition messageRef=\"phrase\"/>"
                + "</bpmn:startEvent><bpmn:endEvent id=\"end\"/>" + Bpmn.flow("hello", "end"))
                .replace("<bpmn:process", "<bpmn:message id=\"phrase\" name=\"customer-message:Hello  World\"/><bpmn:process");
        var refused = admin().postFile("/engine-rest/deployment/create", "bad.bpmn", "bad.bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).contains("'hello'").contains("'customer-message:hello world'");
    }

    @Test
    void aMalformedDateTriggerIsRefusedAtDeploy() {
        String bpmn = Bpmn.process("bad-date", "<bpmn:startEvent id=\"on-birthday\"><bpmn:signalEventDefinition signalRef=\"d\"/>"
                + "</bpmn:startEvent><bpmn:endEvent id=\"end\"/>" + Bpmn.flow("on-birthday", "end"))
                .replace("<bpmn:process", "<bpmn:signal id=\"d\" name=\"date:birthday:weekly:P0D@09:00\"/><bpmn:process");
        var refused = admin().postFile("/engine-rest/deployment/create", "bad-date.bpmn", "bad-date.bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).contains("'on-birthday'").contains("weekly");
    }

    @Test
    void outsideBusinessHoursTheNonWorkingHoursAutomationAnswersAndOnAHolidayTheHolidayOne() {
        closedNow(List.of());
        String evening = phoneWithContact();
        channel.customerWrites(evening, "is anyone there?");
        assertThat(instances("non-working-hours", evening)).isEqualTo(1);

        closedNow(List.of(clock.instant().atZone(ZoneOffset.UTC).toLocalDate().toString()));
        String holiday = phoneWithContact();
        channel.customerWrites(holiday, "hello?");
        assertThat(instances("holiday-greeting", holiday)).isEqualTo(1);
        assertThat(instances("non-working-hours", holiday)).isZero();

        businessHours.replace(BusinessHours.ALWAYS_OPEN);
        String daytime = phoneWithContact();
        channel.customerWrites(daytime, "hello");
        assertThat(instances("non-working-hours", daytime)).isZero();
    }

    @Test
    void aBlockedContactsMessagesAreStoredAndStartNothing() {
        String phone = newPhone();
        long contact = channel.contact(phone, true);
        admin().patch("/api/contacts/" + contact, "{\"blocked\":true}");

        channel.customerWrites(phone, "ciao"); // the phrase of welcome-by-phrase
        assertThat(instances("welcome-by-phrase", phone)).isZero();

        closedNow(List.of());
        channel.customerWrites(phone, "is anyone there?");
        assertThat(instances("non-working-hours", phone)).isZero();

        closedNow(List.of(clock.instant().atZone(ZoneOffset.UTC).toLocalDate().toString()));
        channel.customerWrites(phone, "hello?");
        assertThat(instances("holiday-greeting", phone)).isZero();

        assertThat(admin().get("/api/contacts/" + contact + "/messages").json().findValuesAsText("text"))
                .containsExactlyInAnyOrder("ciao", "is anyone there?", "hello?");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(phone).count()).isZero();
    }

    @Test
    void aBlockedContactsEventsStartNothing() {
        String phone = newPhone();
        long contact = channel.contact(phone, true);
        admin().patch("/api/contacts/" + contact, "{\"blocked\":true}");
        admin().post("/api/lists", "{\"name\":\"newsletter\"}");
        long newsletter = admin().get("/api/lists").json().findParents("name").stream()
                .filter(l -> l.path("name").asText().equals("newsletter")).findFirst().orElseThrow().path("id").asLong();

        admin().post("/api/lists/" + newsletter + "/members", "{\"contactId\":" + contact + "}");
        long ticket = admin().post("/api/tickets", "{\"contactId\":" + contact + ",\"subject\":\"Late\"}").json().path("id").asLong();
        admin().patch("/api/tickets/" + ticket, "{\"status\":\"CLOSED\"}");

        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(phone).count()).isZero();
    }

    @Test
    void aReplyGoesToTheWaitingAutomationAndStartsNothingElse() {
        closedNow(List.of());
        String phone = phoneWithContact();
        String waiting = runtime.startProcessInstanceByKey("welcome-reply", phone).getId();

        channel.customerWrites(phone, "ciao");

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(waiting).count()).isZero();
        assertThat(instances("welcome-by-phrase", phone)).isZero();
        assertThat(instances("non-working-hours", phone)).isZero();
    }

    @Test
    void broadcastTriggersStartTheirAutomationsForTheContact() {
        String phone = newPhone();
        long contact = channel.contact(phone, true);
        admin().post("/api/lists", "{\"name\":\"newsletter\"}");
        long newsletter = admin().get("/api/lists").json().findParents("name").stream()
                .filter(l -> l.path("name").asText().equals("newsletter")).findFirst().orElseThrow().path("id").asLong();
        repository.createDeployment().addString("on-revoke.bpmn", Bpmn.process("on-revoke",
                "<bpmn:startEvent id=\"revoked\"><bpmn:signalEventDefinition signalRef=\"revoke\"/></bpmn:startEvent>"
                        + "<bpmn:userTask id=\"follow-up\"/><bpmn:endEvent id=\"end\"/>" + Bpmn.flow("revoked", "follow-up")
                        + Bpmn.flow("follow-up", "end"))
                .replace("<bpmn:process", "<bpmn:signal id=\"revoke\" name=\"marketing-consent:revoked\"/><bpmn:process")).deploy();

        admin().post("/api/lists/" + newsletter + "/members", "{\"contactId\":" + contact + "}");
        background.settle(); // each trigger's start is a duty (an engine job) committed with its change
        assertThat(instances("double-opt-in", phone)).isEqualTo(1);

        long ticket = admin().post("/api/tickets", "{\"contactId\":" + contact + ",\"subject\":\"Late\"}").json().path("id").asLong();
        admin().patch("/api/tickets/" + ticket, "{\"status\":\"CLOSED\"}");
        background.settle();
        assertThat(instances("ticket-feedback", phone)).isEqualTo(1);

        admin().patch("/api/contacts/" + contact, "{\"marketingConsent\":false}");
        background.settle();
        assertThat(instances("on-revoke", phone)).isEqualTo(1);
        var started = runtime.createProcessInstanceQuery().processDefinitionKey("on-revoke").processInstanceBusinessKey(phone).singleResult();
        assertThat(runtime.getVariable(started.getId(), "contactId")).isEqualTo(contact);
    }

    @Test
    void aCsvImportStartsTheListAutomationsForItsNewMembersOnly() {
        admin().post("/api/lists", "{\"name\":\"newsletter\"}");
        long newsletter = admin().get("/api/lists").json().findParents("name").stream()
                .filter(l -> l.path("name").asText().equals("newsletter")).findFirst().orElseThrow().path("id").asLong();
        String member = newPhone();
        long memberId = channel.contact(member, false);
        admin().post("/api/lists/" + newsletter + "/members", "{\"contactId\":" + memberId + "}");
        String first = newPhone();
        String second = newPhone();

        var imported = admin().postCsv("/api/lists/" + newsletter + "/import", "phone,name\n" + first + ",Ada\n" + second
                + ",Bea\n" + member + ",Already in\n");
        assertThat(imported.json().path("imported").asInt()).isEqualTo(2);

        background.settle(); // the import's members start their automations in duties of 200
        assertThat(instances("double-opt-in", first)).isEqualTo(1);
        assertThat(instances("double-opt-in", second)).isEqualTo(1);
        assertThat(instances("double-opt-in", member)).isEqualTo(1); // from joining by API, not again by the import
    }

    @Test
    void blockingEndsTheContactsAutomationsAndRevokingConsentItsMarketingOnes() {
        String blocked = newPhone();
        long blockedId = channel.contact(blocked, true);
        String waiting = runtime.startProcessInstanceByKey("welcome-reply", blocked, Map.of("contactId", blockedId)).getId();
        admin().patch("/api/contacts/" + blockedId, "{\"blocked\":true}");
        background.settle(); // the stop is a duty committed with the block
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(waiting).count()).isZero();

        String optOut = newPhone();
        long optOutId = channel.contact(optOut, true);
        Map<String, Object> variables = Map.of("contactId", optOutId, "contactPhone", optOut);
        String marketing = runtime.createProcessInstanceByKey("abandoned-cart").businessKey(optOut).setVariables(variables)
                .startAfterActivity("cart-abandoned").execute().getId();
        String service = runtime.createProcessInstanceByKey("ticket-feedback").businessKey(optOut).setVariables(variables)
                .startAfterActivity("ticket-closed").execute().getId(); // waits an hour: not a reply, not marketing

        channel.customerWrites(optOut, "STOP");
        background.settle();

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(marketing).count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(service).count()).isEqualTo(1);
        assertThat(admin().get("/api/contacts/" + optOutId).json().path("marketingConsent").asBoolean()).isFalse();
    }

    /** A block's stop is an engine job committed with the block: a crash right after the answer cannot lose it. */
    @Test
    void aBlocksStopIsADutyCommittedWithTheBlock() {
        String phone = newPhone();
        long contact = channel.contact(phone, true);
        String waiting = runtime.startProcessInstanceByKey("welcome-reply", phone, Map.of("contactId", contact)).getId();
        admin().patch("/api/contacts/" + contact, "{\"blocked\":true}");

        var duty = management.createJobQuery().list().stream()
                .filter(job -> job instanceof org.camunda.bpm.engine.impl.persistence.entity.JobEntity entity
                        && Duties.JOB_TYPE.equals(entity.getJobHandlerType())
                        && entity.getJobHandlerConfigurationRaw().contains("\"contactId\":" + contact + ","))
                .map(job -> (org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job).findFirst().orElseThrow();
        assertThat(duty.getJobHandlerConfigurationRaw()).startsWith("stop-automations ").doesNotContain(phone); // no phone in jobs
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(waiting).count()).isEqualTo(1);

        background.settle();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(waiting).count()).isZero();
        assertThat(management.createJobQuery().jobId(duty.getId()).count()).isZero();
    }

    @Autowired
    Duties duties;

    @Test
    void aDutyThatFailsIsRetriedLaterWithItsReasonKept() {
        duties.schedule("no-such-duty", Map.of("contactId", 1));
        var job = management.createJobQuery().list().stream()
                .filter(j -> ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) j).getJobHandlerConfigurationRaw() != null
                        && ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) j).getJobHandlerConfigurationRaw()
                                .startsWith("no-such-duty "))
                .findFirst().orElseThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> management.executeJob(job.getId()))
                .hasMessageContaining("No duty named no-such-duty");
        var failed = management.createJobQuery().jobId(job.getId()).singleResult();
        assertThat(failed.getRetries()).isEqualTo(2); // the engine's retry cycle, then an incident in Cockpit
        assertThat(failed.getExceptionMessage()).contains("No duty named no-such-duty");
        management.deleteJob(job.getId());
    }
}
