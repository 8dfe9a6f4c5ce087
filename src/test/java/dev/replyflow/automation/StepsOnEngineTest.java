package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.messaging.MessageRepository;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;

/** Hand-written BPMN against the contract, run on the application's engine. */
class StepsOnEngineTest extends ApiTest {

    @Autowired
    dev.replyflow.support.EngineProbe probe;

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    MessageRepository messages;

    private Channel channel;

    @BeforeEach
    void setUp() {
        channel = new Channel(admin());
        channel.topUp("20");
        channel.template("promo_news", "MARKETING");
        admin().post("/api/lists", "{\"name\":\"engine-vips\"}");
        admin().post("/api/fields", "{\"name\":\"city\",\"type\":\"TEXT\"}");
    }

    private void deploy(String id, String body) {
        repository.createDeployment().name(id).enableDuplicateFiltering(true)
                .addString(id + ".bpmn", Bpmn.process(id, body)).deploy();
    }

    private String start(String key, String phone, long contactId) {
        return runtime.startProcessInstanceByKey(key, phone, Map.of("contactId", contactId, "contactPhone", phone)).getId();
    }

    @Test
    void contactStepsChangeTheContactAndIfElseReadsIt() {
        deploy("contact-steps", """
                <bpmn:startEvent id="start"/>
                %s %s %s %s %s %s %s
                <bpmn:exclusiveGateway id="is-vip" default="to-not-vip"/>
                %s %s
                <bpmn:sequenceFlow id="to-vip" sourceRef="is-vip" targetRef="vip-end">
                  <bpmn:conditionExpression>${contact.hasTag('vip') and contact.field('city') == 'Bari' and contact.inList('engine-vips')}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="to-not-vip" sourceRef="is-vip" targetRef="other-end"/>
                <bpmn:endEvent id="vip-end"/><bpmn:endEvent id="other-end"/>
                """.formatted(
                Bpmn.step("tag", "addTag", false, "tag", "vip"),
                Bpmn.step("list", "addToList", false, "list", "engine-vips"),
                Bpmn.step("city", "fillContactField", false, "field", "city", "value", "${'Bari'}"),
                Bpmn.step("consent", "marketingConsent", false, "consent", "granted"),
                Bpmn.step("note", "addNote", false, "note", "Came from the spring campaign"),
                Bpmn.step("unread", "markUnread", false),
                Bpmn.step("ticket", "openTicket", false, "subject", "Call back ${contactPhone}", "priority", "HIGH"),
                Bpmn.flow("start", "tag") + Bpmn.flow("tag", "list") + Bpmn.flow("list", "city") + Bpmn.flow("city", "consent"),
                Bpmn.flow("consent", "note") + Bpmn.flow("note", "unread") + Bpmn.flow("unread", "ticket") + Bpmn.flow("ticket", "is-vip")));
        String phone = newPhone();
        long contact = channel.contact(phone, false);

        String instance = start("contact-steps", phone, contact);

        JsonNode view = admin().get("/api/contacts/" + contact).json();
        assertThat(view.path("tags").toString()).contains("vip");
        assertThat(view.path("fields").path("city").asText()).isEqualTo("Bari");
        assertThat(view.path("lists").findValuesAsText("name")).contains("engine-vips");
        assertThat(view.path("marketingConsent").asBoolean()).isTrue();
        assertThat(view.path("marketingConsentSource").asText()).isEqualTo("automation:contact-steps");
        assertThat(view.path("unread").asBoolean()).isTrue();
        assertThat(admin().get("/api/contacts/" + contact + "/notes").json().get(0).path("text").asText()).contains("spring");
        JsonNode tickets = admin().get("/api/tickets?contactId=" + contact).json();
        assertThat(tickets.get(0).path("subject").asText()).isEqualTo("Call back " + phone);
        assertThat(tickets.get(0).path("priority").asText()).isEqualTo("HIGH");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("vip-end").count()).isEqualTo(1);
    }

    @Test
    void sendMessageSendsReplyButtonsAndTheTappedIdDrivesIfElse() {
        deploy("ask-with-buttons", """
                <bpmn:startEvent id="start"/>
                %s
                <bpmn:receiveTask id="wait" messageRef="reply"/>
                <bpmn:boundaryEvent id="silence" attachedToRef="wait">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:exclusiveGateway id="which" default="to-declined"/>
                <bpmn:sequenceFlow id="to-confirmed" sourceRef="which" targetRef="confirmed">
                  <bpmn:conditionExpression>${reply.payload == 'yes'}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="to-declined" sourceRef="which" targetRef="declined"/>
                <bpmn:endEvent id="confirmed"/><bpmn:endEvent id="declined"/><bpmn:endEvent id="silent"/>
                %s %s %s %s
                """.formatted(Bpmn.step("ask", "sendMessage", true, "text", "Shall we book Friday?", "buttons", "yes=Yes, Friday\nno=No"),
                Bpmn.flow("start", "ask"), Bpmn.flow("ask", "wait"), Bpmn.flow("wait", "which"), Bpmn.flow("silence", "silent")));
        String phone = newPhone();
        long contact = channel.contact(phone, false);
        channel.customerWrites(phone, "hi"); // opens the 24h window
        String instance = start("ask-with-buttons", phone, contact);
        management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());

        var sent = messages.findByContactIdOrderByCreatedAtAscIdAsc(contact).stream()
                .filter(m -> m.getDirection() == dev.replyflow.messaging.Message.Direction.OUTBOUND).toList();
        assertThat(sent).singleElement().satisfies(m -> assertThat(m.getType()).isEqualTo("interactive"));
        admin().post("/api/sandbox/inbound", "{\"from\":\"" + phone + "\",\"buttonPayload\":\"yes\",\"text\":\"Yes, Friday\"}");

        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("confirmed").count())
                .isEqualTo(1);
    }

    @Test
    void sendMessageSendsMediaByLinkWithItsCaption() {
        deploy("send-menu", Bpmn.chain(Bpmn.step("menu", "sendMessage", true, "mediaLink", "https://example.com/menu.pdf",
                "mediaType", "DOCUMENT", "caption", "Our menu", "mediaFilename", "menu.pdf"), "menu"));
        String phone = newPhone();
        long contact = channel.contact(phone, false);
        channel.customerWrites(phone, "menu?");
        String instance = start("send-menu", phone, contact);
        management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());

        var sent = messages.findByContactIdOrderByCreatedAtAscIdAsc(contact).stream()
                .filter(m -> m.getDirection() == dev.replyflow.messaging.Message.Direction.OUTBOUND).toList();
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo("document");
            assertThat(m.getText()).isEqualTo("Our menu");
        });
    }

    @Test
    void sendMessageRulesFromTheCatalogueAreCheckedAtDeploy() {
        var refused = admin().postFile("/engine-rest/deployment/create", "bad-media.bpmn", "bad-media.bpmn",
                Bpmn.process("bad-media", Bpmn.chain(Bpmn.step("menu", "sendMessage", true, "mediaLink",
                        "https://example.com/menu.pdf", "buttons", "yes"), "menu")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).contains("'menu' a media link needs its media type")
                .contains("'menu' reply buttons go with a free text");
    }

    @Test
    void listMenusBeyondWhatsAppsLimitsAreRefusedAtDeployNamingTheElement() {
        String elevenRows = java.util.stream.IntStream.rangeClosed(1, 11).mapToObj(i -> "r" + i + "=Row " + i)
                .collect(java.util.stream.Collectors.joining("\n"));
        var refused = admin().postFile("/engine-rest/deployment/create", "bad-lists.bpmn", "bad-lists.bpmn",
                Bpmn.process("bad-lists", Bpmn.chain(
                        Bpmn.step("too-many", "sendMessage", false, "text", "Pick one", "listButton", "Choose",
                                "listRows", elevenRows), "too-many",
                        Bpmn.step("too-long", "sendMessage", false, "text", "Pick one", "listButton", "Choose your pickup shop",
                                "listRows", "mi-0=Centre\n# Milan\nmi-1=Duomo, next to the cathedral | Open until 20:00\n" + "x".repeat(201)
                                        + "=Navigli"), "too-long",
                        Bpmn.step("with-template", "sendMessage", false, "template", "promo_news", "listButton", "Choose",
                                "listRows", "a=A"), "with-template",
                        Bpmn.step("with-buttons", "sendMessage", false, "text", "Pick one", "buttons", "yes=Yes",
                                "listButton", "Choose", "listRows", "a=A"), "with-buttons",
                        Bpmn.step("no-label", "sendMessage", false, "text", "Pick one", "listRows", "a=A\nb=B"), "no-label",
                        Bpmn.step("fine", "sendMessage", false, "text", "Pick one", "listButton", "Choose",
                                "listRows", "a=A | first\nb=B"), "fine"))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText())
                .contains("Send Message 'too-many' parameter 'listRows': has 11 rows, WhatsApp allows at most 10")
                .contains("'too-long' parameter 'listButton': 'Choose your pickup shop' has 23 characters, at most 20")
                .contains("'too-long' parameter 'listRows': row 'mi-1': the title has 28 characters, at most 24")
                .contains("'too-long' parameter 'listRows': row '" + "x".repeat(201) + "': the id has 201 characters, at most 200")
                .contains("'too-long' parameter 'listRows': with several sections, every row belongs to one with a title")
                .contains("'with-template' a list goes with a free text")
                .contains("'with-buttons' reply buttons or a list, not both")
                .contains("'no-label' a list needs the label of its button")
                .doesNotContain("'fine'");
    }

    @Test
    void aSendJobRolledBackSendsNothingAndItsRetrySendsOnce() {
        // the step after the send fails in the same transaction, so the job is rolled back with the send's record
        deploy("send-then-fail", Bpmn.chain(
                Bpmn.step("send", "sendMessage", true, "template", "promo_news", "parameters", "{{contact.phone}}"), "send",
                "<bpmn:serviceTask id=\"boom\" camunda:expression=\"${contact.field('missing').length()}\"/>", "boom"));
        String phone = newPhone();
        long contact = channel.contact(phone, true);
        String instance = start("send-then-fail", phone, contact);

        for (int attempt = 0; attempt < 2; attempt++) {
            Job job = management.createJobQuery().processInstanceId(instance).singleResult();
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException expected) {
                // the failing step
            }
        }

        probe.awaitSent();
        assertThat(messages.findByContactIdOrderByCreatedAtAscIdAsc(contact)).isEmpty();
        assertThat(channel.conversations(contact)).isEmpty();
    }

    @Test
    void aRefusedSendTakesTheAnalystsErrorPathAndAnUncaughtOneBecomesAnIncident() {
        deploy("send-outside-window", """
                <bpmn:startEvent id="start"/>
                %s
                <bpmn:boundaryEvent id="no-window" attachedToRef="say-hi">
                  <bpmn:errorEventDefinition errorRef="outside-service-window"/>
                </bpmn:boundaryEvent>
                <bpmn:endEvent id="sent"/><bpmn:endEvent id="use-a-template"/>
                %s %s %s
                """.formatted(Bpmn.step("say-hi", "sendMessage", true, "text", "Hi!"), Bpmn.flow("start", "say-hi"),
                Bpmn.flow("say-hi", "sent"), Bpmn.flow("no-window", "use-a-template"))
                );
        repository.createDeployment().addString("uncaught.bpmn", Bpmn.process("send-uncaught",
                Bpmn.chain(Bpmn.step("say-hi", "sendMessage", true, "text", "Hi!"), "say-hi"))).deploy();
        String phone = newPhone();
        long contact = channel.contact(phone, true);

        String caught = start("send-outside-window", phone, contact);
        management.executeJob(management.createJobQuery().processInstanceId(caught).singleResult().getId());
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(caught).activityId("use-a-template").count())
                .isEqualTo(1);

        String uncaught = start("send-uncaught", phone, contact);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                management.executeJob(management.createJobQuery().processInstanceId(uncaught).singleResult().getId());
            } catch (RuntimeException expected) {
                // outside-service-window, not caught: the job fails
            }
        }
        assertThat(runtime.createIncidentQuery().processInstanceId(uncaught).list()).hasSize(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(uncaught).singleResult().getIncidentMessage())
                .contains("outside-service-window");
        assertThat(messages.findByContactIdOrderByCreatedAtAscIdAsc(contact)).isEmpty();
    }

    @Test
    void anEndlessGoToStepLoopStopsAtTheVisitLimitWithAnIncident() {
        // note → back to note, through an async step, forever
        deploy("endless-loop", """
                <bpmn:startEvent id="start"/>
                %s
                <bpmn:sequenceFlow id="in" sourceRef="start" targetRef="note"/>
                <bpmn:sequenceFlow id="again" sourceRef="note" targetRef="note"/>
                """.formatted(Bpmn.step("note", "addNote", false, "note", "again").replace("camunda:delegateExpression",
                "camunda:asyncBefore=\"true\" camunda:delegateExpression")));
        String phone = newPhone();
        long contact = channel.contact(phone, true);
        String instance = start("endless-loop", phone, contact);

        for (int run = 0; run < 150 && runtime.createIncidentQuery().processInstanceId(instance).count() == 0; run++) {
            try {
                management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());
            } catch (RuntimeException guard) {
                // the guard refuses the visit past the limit, until the retries are used up
            }
        }

        var incident = runtime.createIncidentQuery().processInstanceId(instance).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getIncidentMessage()).contains("Loop guard").contains("'note'");
        assertThat(admin().get("/api/contacts/" + contact + "/notes").json().size()).isBetween(100, 101);
    }

    @Test
    void blockContactStopsTheContactsOtherAutomations() {
        deploy("waits-a-day", Bpmn.chain("<bpmn:intermediateCatchEvent id=\"day\"><bpmn:timerEventDefinition>"
                + "<bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>", "day"));
        deploy("blocks", Bpmn.chain(Bpmn.step("block", "blockContact", false), "block"));
        String phone = newPhone();
        long contact = channel.contact(phone, true);
        String waiting = start("waits-a-day", phone, contact);
        String other = start("waits-a-day", newPhone(), channel.contact(newPhone(), true));

        start("blocks", phone, contact);

        assertThat(admin().get("/api/contacts/" + contact).json().path("blocked").asBoolean()).isTrue();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(waiting).count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(other).count()).isEqualTo(1);
        List<String> stopped = history.createHistoricProcessInstanceQuery().processInstanceId(waiting).list().stream()
                .map(h -> h.getDeleteReason()).toList();
        assertThat(stopped.get(0)).contains("contact blocked");
    }
}
