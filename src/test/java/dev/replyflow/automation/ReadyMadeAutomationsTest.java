package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;

/**
 * The gallery's ready-made automations (src/main/resources/gallery/, deployed at start-up by the test profile), played in the sandbox. Their triggers (issue: triggers and inbound
 * routing) are stood in for here by starting them the way the trigger does: by their start message, or just after
 * their signal start event with the contact's business key.
 */
class ReadyMadeAutomationsTest extends ApiTest {

    @Autowired
    dev.replyflow.support.Background background;

    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    Triggers triggers;

    private Channel channel;

    @BeforeEach
    void setUp() {
        channel = new Channel(admin());
        channel.topUp("20");
        for (String[] t : new String[][] {{"birthday_greeting", "MARKETING"}, {"appointment_confirm", "UTILITY"},
                {"cart_reminder", "MARKETING"}, {"cart_discount", "MARKETING"}, {"feedback_request", "UTILITY"},
                {"newsletter_opt_in", "UTILITY"}}) {
            channel.template(t[0], t[1]);
        }
        admin().post("/api/fields", "{\"name\":\"satisfaction\",\"type\":\"TEXT\"}");
        admin().post("/api/lists", "{\"name\":\"newsletter\"}");
    }

    private record Customer(String phone, long id) {
    }

    private Customer customer(boolean consent) {
        String phone = newPhone();
        long id = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"name\":\"Giada\",\"marketingConsent\":" + consent + "}")
                .json().path("id").asLong();
        return new Customer(phone, id);
    }

    private Map<String, Object> variables(Customer c) {
        return Map.of("contactId", c.id(), "contactPhone", c.phone());
    }

    private String startAfter(String key, String startEvent, Customer c) {
        return runtime.createProcessInstanceByKey(key).businessKey(c.phone()).setVariables(variables(c))
                .startAfterActivity(startEvent).execute().getId();
    }

    private String startByMessage(String message, Customer c) {
        return runtime.createMessageCorrelation(message).processInstanceBusinessKey(c.phone()).setVariables(variables(c))
                .correlateStartMessage().getId();
    }

    /** Runs the instance's due jobs (the async sends), as the job executor would. */
    private void runJobs(String instance) {
        for (int i = 0; i < 20; i++) {
            var jobs = management.createJobQuery().processInstanceId(instance).executable().messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> management.executeJob(job.getId()));
        }
    }

    private void wait(String duration, String instance) {
        channel.advance(duration);
        runJobs(instance);
    }

    private void reply(Customer c, String text, String instance) {
        channel.customerWrites(c.phone(), text);
        runJobs(instance);
    }

    private boolean passed(String instance, String activity) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId(activity).count() > 0;
    }

    private List<String> sent(Customer c) {
        JsonNode chat = admin().get("/api/contacts/" + c.id() + "/messages").json();
        return java.util.stream.StreamSupport.stream(chat.spliterator(), false)
                .filter(m -> m.path("direction").asText().equals("OUTBOUND"))
                .map(m -> m.path("template").isNull() || m.path("template").asText().isEmpty() ? m.path("text").asText()
                        : m.path("template").asText())
                .toList();
    }

    private JsonNode contact(Customer c) {
        return admin().get("/api/contacts/" + c.id()).json();
    }

    @Test
    void welcomeByPhraseAnswersAndTags() {
        Customer c = customer(false);
        channel.customerWrites(c.phone(), "ciao"); // the phrase trigger starts it
        String instance = runtime.createProcessInstanceQuery().processDefinitionKey("welcome-by-phrase")
                .processInstanceBusinessKey(c.phone()).singleResult().getId();
        runJobs(instance);
        assertThat(sent(c)).containsExactly("Ciao! Welcome, how can we help you today?");
        assertThat(contact(c).path("tags").toString()).contains("welcomed");
    }

    @Test
    void nonWorkingHoursAndHolidayTellTheCustomerAndLeaveTheChatUnread() {
        for (String message : List.of("non-working-hours", "holiday")) {
            Customer c = customer(false);
            channel.customerWrites(c.phone(), "hello?");
            admin().patch("/api/contacts/" + c.id(), "{\"unread\":false}");
            runJobs(startByMessage(message, c));
            assertThat(sent(c)).hasSize(1);
            assertThat(sent(c).get(0)).contains("closed");
            assertThat(contact(c).path("unread").asBoolean()).isTrue();
        }
    }

    @Test
    void birthdayGreetingSendsItsTemplate() {
        Customer c = customer(true);
        String instance = runtime.startProcessInstanceByKey("birthday-greeting", c.phone(), variables(c)).getId();
        runJobs(instance);
        assertThat(sent(c)).containsExactly("birthday_greeting");
        assertThat(contact(c).path("tags").toString()).contains("birthday-greeted");
    }

    @Test
    void theReminderIsSentOnlyToThoseWhoDoNotAnswer() {
        Customer answers = customer(false);
        String first = runtime.startProcessInstanceByKey("no-response-reminder", answers.phone(), variables(answers)).getId();
        runJobs(first);
        reply(answers, "Yes", first);
        assertThat(passed(first, "done-confirmed")).isTrue();
        assertThat(contact(answers).path("tags").toString()).contains("confirmed");

        Customer silent = customer(false);
        String second = runtime.startProcessInstanceByKey("no-response-reminder", silent.phone(), variables(silent)).getId();
        runJobs(second);
        wait("PT25H", second);
        assertThat(sent(silent)).containsExactly("appointment_confirm", "appointment_confirm");
        wait("PT25H", second);
        assertThat(passed(second, "silent")).isTrue();
        assertThat(contact(silent).path("tags").toString()).contains("no-response");
        assertThat(sent(answers)).hasSize(1);
    }

    @Test
    void anAbandonedCartGetsAReminderAfterAnHourAndADiscountAfterSilence() {
        Customer c = customer(true);
        String instance = startAfter("abandoned-cart", "cart-abandoned", c);
        runJobs(instance);
        assertThat(sent(c)).isEmpty();
        wait("PT61M", instance);
        assertThat(sent(c)).containsExactly("cart_reminder");
        wait("PT25H", instance);
        assertThat(sent(c)).containsExactly("cart_reminder", "cart_discount");
        assertThat(passed(instance, "offered")).isTrue();
    }

    @Test
    void anOrderOfTheSameCustomerEndsTheAbandonedCartAutomation() {
        Customer buyer = customer(true);
        Customer other = customer(true);
        String instance = startAfter("abandoned-cart", "cart-abandoned", buyer);
        String untouched = startAfter("abandoned-cart", "cart-abandoned", other);
        runJobs(instance);

        triggers.startBySignal("shop:order-created", buyer.phone(), buyer.id(), Map.of("orderId", "1001"));

        wait("PT61M", instance);
        assertThat(sent(buyer)).isEmpty();
        assertThat(passed(instance, "bought")).isTrue();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(untouched).count()).isEqualTo(1);
    }

    @Test
    void ticketFeedbackEscalatesALowScoreAndTagsAHighOne() {
        Customer unhappy = customer(false);
        String low = startAfter("ticket-feedback", "ticket-closed", unhappy);
        wait("PT61M", low);
        assertThat(sent(unhappy)).containsExactly("feedback_request");
        reply(unhappy, "2", low);
        assertThat(contact(unhappy).path("fields").path("satisfaction").asText()).isEqualTo("2");
        JsonNode tickets = admin().get("/api/tickets?contactId=" + unhappy.id()).json();
        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0).path("priority").asText()).isEqualTo("HIGH");

        Customer happy = customer(false);
        String high = startAfter("ticket-feedback", "ticket-closed", happy);
        wait("PT61M", high);
        reply(happy, "5", high);
        assertThat(contact(happy).path("tags").toString()).contains("happy");
        assertThat(admin().get("/api/tickets?contactId=" + happy.id()).json()).isEmpty();
    }

    @Test
    void doubleOptInGrantsConsentOnYesAndRemovesFromTheListOtherwise() {
        long newsletter = admin().get("/api/lists").json().findParents("name").stream()
                .filter(l -> l.path("name").asText().equals("newsletter")).findFirst().orElseThrow().path("id").asLong();
        Customer yes = customer(false);
        Customer no = customer(false);
        for (Customer c : List.of(yes, no)) {
            admin().post("/api/lists/" + newsletter + "/members", "{\"contactId\":" + c.id() + "}"); // the list-added trigger
        }
        background.settle();

        String confirmed = runtime.createProcessInstanceQuery().processDefinitionKey("double-opt-in")
                .processInstanceBusinessKey(yes.phone()).singleResult().getId();
        runJobs(confirmed);
        reply(yes, "YES", confirmed);
        String declined = runtime.createProcessInstanceQuery().processDefinitionKey("double-opt-in")
                .processInstanceBusinessKey(no.phone()).singleResult().getId();
        runJobs(declined);
        reply(no, "no thanks", declined);

        assertThat(contact(yes).path("marketingConsent").asBoolean()).isTrue();
        assertThat(contact(yes).path("lists").findValuesAsText("name")).contains("newsletter");
        assertThat(contact(no).path("marketingConsent").asBoolean()).isFalse();
        assertThat(contact(no).path("lists").findValuesAsText("name")).doesNotContain("newsletter");
    }

    /** One signed delivery in the Cloud API shape, several messages, each routed to its own automation. */
    @Test
    void oneSignedDeliveryWithSeveralMessagesDrivesTheReadyMadeAutomations() {
        Customer reminded = customer(false);
        String reminder = runtime.startProcessInstanceByKey("no-response-reminder", reminded.phone(), variables(reminded)).getId();
        runJobs(reminder);
        long newsletter = admin().get("/api/lists").json().findParents("name").stream()
                .filter(l -> l.path("name").asText().equals("newsletter")).findFirst().orElseThrow().path("id").asLong();
        Customer subscriber = customer(false);
        admin().post("/api/lists/" + newsletter + "/members", "{\"contactId\":" + subscriber.id() + "}");
        background.settle();
        String optIn = runtime.createProcessInstanceQuery().processDefinitionKey("double-opt-in")
                .processInstanceBusinessKey(subscriber.phone()).singleResult().getId();
        runJobs(optIn);
        Customer rater = customer(false);
        String feedback = startAfter("ticket-feedback", "ticket-closed", rater);
        wait("PT61M", feedback);
        String newcomer = newPhone();

        long ts = java.time.Instant.now().getEpochSecond();
        String delivery = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},
                 "contacts":[{"profile":{"name":"Nina"},"wa_id":"%s"}],
                 "messages":[
                  {"from":"%s","id":"wamid.multi-1-%d","timestamp":"%d","type":"button","button":{"text":"Yes","payload":"yes"}},
                  {"from":"%s","id":"wamid.multi-2-%d","timestamp":"%d","type":"interactive",
                   "interactive":{"type":"button_reply","button_reply":{"id":"YES","title":"Sure"}}},
                  {"from":"%s","id":"wamid.multi-3-%d","timestamp":"%d","type":"interactive",
                   "interactive":{"type":"list_reply","list_reply":{"id":"5","title":"Excellent"}}},
                  {"from":"%s","id":"wamid.multi-4-%d","timestamp":"%d","type":"text","text":{"body":"Ciao"}}]}}]}]}
                """.formatted(newcomer.substring(1), reminded.phone().substring(1), ts, ts, subscriber.phone().substring(1), ts, ts,
                rater.phone().substring(1), ts, ts, newcomer.substring(1), ts, ts);

        assertThat(deliverWhatsApp(delivery).status()).isEqualTo(200);
        background.settle(); // the messages' routing jobs, in order per contact

        assertThat(passed(reminder, "done-confirmed")).isTrue();                       // template quick-reply payload
        assertThat(contact(subscriber).path("marketingConsent").asBoolean()).isTrue(); // interactive button reply
        assertThat(contact(rater).path("fields").path("satisfaction").asText()).isEqualTo("5"); // list reply id
        assertThat(contact(rater).path("tags").toString()).contains("happy");
        var welcome = runtime.createProcessInstanceQuery().processDefinitionKey("welcome-by-phrase")
                .processInstanceBusinessKey(newcomer).singleResult();                     // the phrase, from a new contact
        assertThat(welcome).isNotNull();
        runJobs(welcome.getId());
        assertThat(admin().get("/api/contacts?phone=" + newcomer).json().get(0).path("name").asText()).isEqualTo("Nina");
    }
}
