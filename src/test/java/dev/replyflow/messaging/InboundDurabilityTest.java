package dev.replyflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.automation.InboundRouting;
import dev.replyflow.commits.SharedCommits;
import dev.replyflow.delivery.HandOff;
import dev.replyflow.delivery.HandOffs;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Background;
import dev.replyflow.support.TestBpmn;
import dev.replyflow.support.Webhooks;

/**
 * A 200 means stored, and what follows from a stored message is a durable duty: parallel first messages of a new
 * contact are all kept, long fields are kept whole, a stored reply is routed at once after its commit, and a reply whose
 * routing failed reaches its automation once the
 * failure clears, or when WhatsApp delivers it again.
 */
class InboundDurabilityTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    Background background;
    @Autowired
    SharedCommits commits;
    @Autowired
    InboundMessages inbound;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    HandOffs handOffs;
    @Autowired
    List<HandOff<?>> handOffKinds;

    private int stored(String phone) {
        return jdbc.queryForObject("select count(*) from message m join contact c on c.id = m.contact_id where c.phone = ?",
                Integer.class, phone);
    }

    @Test
    void threeDeliveriesAtOnceFromANewPhoneStoreEveryMessageAndOneContact() throws Exception {
        String phone = newPhone();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Callable<Integer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String wamid = "wamid.race-" + phone + "-" + i;
            deliveries.add(() -> deliverWhatsApp(Webhooks.textFrom(phone, wamid, "hello " + wamid)).status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : clients.invokeAll(deliveries)) {
            statuses.add(status.get());
        }
        clients.shutdown();

        assertThat(statuses).containsOnly(200);
        assertThat(stored(phone)).isEqualTo(30);
        assertThat(jdbc.queryForObject("select count(*) from contact where phone = ?", Integer.class, phone)).isEqualTo(1);
    }

    @Test
    void longTextsWamidsAndButtonPayloadsAreStoredWhole() {
        String phone = newPhone();
        String text = "x".repeat(5000);
        String wamid = "wamid." + "A".repeat(200);
        String payload = "p".repeat(2000);
        String from = phone.substring(1);
        String delivery = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","contacts":[{"profile":{"name":"Long"},"wa_id":"%s"}],
                 "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}},
                  {"from":"%s","id":"%s-b","timestamp":"%d","type":"button","button":{"text":"Yes","payload":"%s"}}]}}]}]}
                """.formatted(from, from, wamid, java.time.Instant.now().getEpochSecond(), text, from, wamid,
                java.time.Instant.now().getEpochSecond(), payload);

        assertThat(deliverWhatsApp(delivery).status()).isEqualTo(200);

        assertThat(jdbc.queryForObject("select text from message where wa_message_id = ?", String.class, wamid)).isEqualTo(text);
        assertThat(jdbc.queryForObject("select payload from message where wa_message_id = ?", String.class, wamid + "-b"))
                .isEqualTo(payload);
    }

    @Test
    void aMessageWithoutSenderIsKeptAsRejectedAndDoesNotSinkItsDelivery() {
        String phone = newPhone();
        String from = phone.substring(1);
        long ts = java.time.Instant.now().getEpochSecond();
        String delivery = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","contacts":[{"profile":{"name":"Ok"},"wa_id":"%s"}],
                 "messages":[{"id":"wamid.nosender-%s","timestamp":"%d","type":"text","text":{"body":"who am I"}},
                  {"from":"12","id":"wamid.badnumber-%s","timestamp":"%d","type":"text","text":{"body":"short"}},
                  {"from":"%s","id":"wamid.fine-%s","timestamp":"%d","type":"text","text":{"body":"fine"}}]}}]}]}
                """.formatted(from, from, ts, from, ts, from, from, ts);

        assertThat(deliverWhatsApp(delivery).status()).isEqualTo(200);

        assertThat(stored(phone)).isEqualTo(1);
        var rejected = admin().get("/api/inbound/rejected").json();
        assertThat(rejected.findValuesAsText("waMessageId")).contains("wamid.nosender-" + from, "wamid.badnumber-" + from);
        assertThat(rejected.get(0).path("reason").asText()).isNotBlank();
    }

    /** Waits for a reply; the reply path runs a step that fails while the contact has no field "city". */
    private String waitingInstance(String phone) {
        repository.createDeployment().enableDuplicateFiltering(true).addString("reply-then-city.bpmn", TestBpmn.process(
                "reply-then-city", """
                        <bpmn:startEvent id="start"/>
                        <bpmn:receiveTask id="wait" messageRef="reply"/>
                        <bpmn:serviceTask id="needs-city" camunda:expression="${contact.field('city').length()}"/>
                        <bpmn:boundaryEvent id="no-response" attachedToRef="wait">
                          <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                        </bpmn:boundaryEvent>
                        <bpmn:endEvent id="replied"/><bpmn:endEvent id="silent"/>
                        """ + TestBpmn.flow("start", "wait") + TestBpmn.flow("wait", "needs-city")
                        + TestBpmn.flow("needs-city", "replied") + TestBpmn.flow("no-response", "silent"))).deploy();
        var started = admin().post("/api/automations/reply-then-city/start", "{\"phone\":\"" + phone + "\"}");
        assertThat(started.status()).isEqualTo(201);
        return started.json().path("processInstanceId").asText();
    }

    private boolean replied(String instance) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("replied").finished()
                .count() == 1;
    }

    private List<String> routingJobs() {
        return jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ = ?", String.class, InboundRouting.JOB_TYPE);
    }

    private List<String> handOffJobs() {
        return jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ = ?", String.class, HandOffs.JOB_TYPE);
    }

    private List<String> routingJobsOf(long contact) {
        return jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ = ? and HANDLER_CFG_ like ?", String.class,
                InboundRouting.JOB_TYPE, contact + ":%");
    }

    private void runRoutingJobs() {
        for (String job : routingJobs()) {
            try {
                management.executeJob(job);
            } catch (RuntimeException failing) {
                // the routing failed: the job keeps it, with one retry less
            }
        }
    }

    @Test
    void aStoredReplyReachesItsAutomationAtOnceAndItsRoutingJobIsGone() {
        String phone = newPhone();
        String instance = waitingInstance(phone);
        long contact = admin().get("/api/contacts?phone=" + phone).json().get(0).path("id").asLong();
        giveCity(contact);
        List<String> handOffJobsBefore = handOffJobs(); // other tests' shop deliveries

        assertThat(deliverWhatsApp(Webhooks.textFrom(phone, "wamid.now-" + phone, "yes")).status())
                .isEqualTo(200);

        // no job runs in tests unless one calls it: the routing after the delivery's commit moved the automation on
        await().atMost(Duration.ofSeconds(20)).until(() -> replied(instance));
        background.awaitSharedCommits();
        assertThat(routingJobsOf(contact)).as("routed with the delivery's hand-off: no job of its own").isEmpty();
        assertThat(handOffJobs()).as("done, so the hand-off's fallback job was deleted").isEqualTo(handOffJobsBefore);
        assertThat(jdbc.queryForObject("select count(*) from webhook_delivery where payload like ?", Integer.class,
                "%wamid.now-" + phone + "%")).as("nor is the delivery kept for it").isZero();
        assertThat(jdbc.queryForObject("select unrouted from message where wa_message_id = ?", Boolean.class,
                "wamid.now-" + phone)).isFalse();
    }

    @Test
    void aReplyWhoseRoutingFailedReachesItsAutomationOnceTheFailureClears() {
        String phone = newPhone();
        String instance = waitingInstance(phone);
        long contact = admin().get("/api/contacts?phone=" + phone).json().get(0).path("id").asLong();
        jdbc.update("delete from ACT_RU_JOB where HANDLER_TYPE_ in (?, ?)", InboundRouting.JOB_TYPE, // other tests' leftovers
                HandOffs.JOB_TYPE);

        assertThat(deliverWhatsApp(Webhooks.textFrom(phone, "wamid.fails-" + phone, "yes")).status())
                .isEqualTo(200);
        // its hand-off at once stores and routes the message in one transaction: the routing failed, so nothing of it
        // is stored yet, and the delivery's hand-off job is left, due a little later
        assertThat(stored(phone)).isZero();
        assertThat(handOffJobs()).hasSize(1);
        handOffJobs().forEach(management::executeJob); // stores the message with a routing job of its own
        background.awaitSharedCommits(); // routing it at once failed again: its routing job is left
        assertThat(handOffJobs()).isEmpty();
        assertThat(routingJobs()).hasSize(1);
        runRoutingJobs();

        assertThat(replied(instance)).isFalse(); // the reply path failed and was rolled back: still waiting
        assertThat(runtime.createExecutionQuery().processInstanceId(instance).activityId("wait").count()).isEqualTo(1);
        assertThat(stored(phone)).isEqualTo(1); // yet the message is stored, and its routing job still there
        assertThat(routingJobs()).hasSize(1);
        var unrouted = admin().get("/api/inbound/unrouted").json(); // what an admin sees meanwhile
        var listed = java.util.stream.StreamSupport.stream(unrouted.spliterator(), false)
                .filter(u -> u.path("waMessageId").asText().equals("wamid.fails-" + phone)).toList();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("jobId").asText()).isEqualTo(routingJobs().get(0));
        assertThat(listed.get(0).path("error").asText()).isNotBlank();
        String job = routingJobs().get(0);
        assertThat(history.createHistoricJobLogQuery().jobId(job).failureLog().count()).as("its failure is logged").isEqualTo(1);

        admin().post("/api/fields", "{\"name\":\"city\",\"type\":\"TEXT\"}");
        assertThat(admin().patch("/api/contacts/" + contact, "{\"fields\":{\"city\":\"Rome\"}}").status()).isEqualTo(200);
        runRoutingJobs();

        assertThat(replied(instance)).isTrue();
        assertThat(routingJobs()).isEmpty();
        // the routine of Replyflow's own jobs is not in the engine's job log (HistoryWrites); a process's jobs are
        assertThat(history.createHistoricJobLogQuery().jobId(job).count()).as("only the failure").isEqualTo(1);
        assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).creationLog().count())
                .as("the No Response timer's creation").isEqualTo(1);
    }

    @Test
    void aReplyHandedOffAtOnceComesAfterTheContactsEarlierMessageStillUnrouted() {
        String phone = newPhone();
        String instance = waitingInstance(phone);
        long contact = admin().get("/api/contacts?phone=" + phone).json().get(0).path("id").asLong();
        jdbc.update("delete from ACT_RU_JOB where HANDLER_TYPE_ in (?, ?)", InboundRouting.JOB_TYPE, HandOffs.JOB_TYPE);
        assertThat(deliverWhatsApp(Webhooks.textFrom(phone, "wamid.first-" + phone, "first")).status()).isEqualTo(200);
        handOffJobs().forEach(management::executeJob); // the hand-off at once failed (no city): its job stores it
        background.awaitSharedCommits(); // its routing failed too: stored, unrouted, its routing job left
        assertThat(stored(phone)).isEqualTo(1);
        giveCity(contact);

        assertThat(deliverWhatsApp(Webhooks.textFrom(phone, "wamid.second-" + phone, "second")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> replied(instance));

        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("replyText")
                .singleResult().getValue()).as("the earlier message took the reply").isEqualTo("first");
        assertThat(jdbc.queryForList("select unrouted from message m join contact c on c.id = m.contact_id "
                + "where c.phone = ?", Boolean.class, phone)).containsExactly(false, false);
    }

    @Test
    void aRedeliveryOfAStoredButUnroutedReplyRoutesIt() {
        String phone = newPhone();
        String instance = waitingInstance(phone);
        long contact = admin().get("/api/contacts?phone=" + phone).json().get(0).path("id").asLong();
        String delivery = Webhooks.textFrom(phone, "wamid.again-" + phone, "yes");
        assertThat(deliverWhatsApp(delivery).status()).isEqualTo(200);
        background.awaitSharedCommits(); // routing it at once failed (no city yet)
        // the duty was lost (as a crash between store and route lost it before routing was an engine job)
        jdbc.update("delete from ACT_RU_JOB where HANDLER_TYPE_ = ?", InboundRouting.JOB_TYPE);
        giveCity(contact);
        assertThat(replied(instance)).isFalse();

        assertThat(deliverWhatsApp(delivery).status()).isEqualTo(200); // WhatsApp delivers it again
        background.settle();

        assertThat(replied(instance)).isTrue();
        assertThat(stored(phone)).isEqualTo(1); // deduplicated, yet routed
    }

    @Test
    void aRoutingJobDueWhileItsMessageWaitsForTheRoutingAtOnceLeavesItToThat() throws Exception {
        String phone = newPhone();
        String instance = waitingInstance(phone);
        long contact = admin().get("/api/contacts?phone=" + phone).json().get(0).path("id").asLong();
        giveCity(contact);
        whileSharedCommitsBusy(() -> { // routing falls behind
            // stored as the webhook stores it (whose answer waits for a shared commit too)
            transactions.executeWithoutResult(status -> inbound.receive(new Inbound("wamid.behind-" + phone, phone, null,
                    null, "text", "yes", null)));
            runExpectingPostponed(() -> routingJobsOf(contact)); // its job came due before the routing at once got to it

            assertThat(replied(instance)).as("left to the routing at once").isFalse();
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> replied(instance));
        background.awaitSharedCommits();
        assertThat(routingJobsOf(contact)).as("the postponed job was deleted with the routing").isEmpty();
    }

    @Test
    void aHandOffJobDueWhileItsDeliveryWaitsForTheHandOffAtOnceLeavesItToThat() throws Exception {
        String phone = newPhone();
        String instance = waitingInstance(phone);
        long contact = admin().get("/api/contacts?phone=" + phone).json().get(0).path("id").asLong();
        giveCity(contact);
        String wamid = "wamid.queued-" + phone;
        JsonNode payload = new ObjectMapper().readTree(Webhooks.textFrom(phone, wamid, "yes"));
        long delivery = whileSharedCommitsBusy(() -> { // hand-offs fall behind
            transactions.executeWithoutResult(status -> handOffs.handOffAtOnce("whatsapp", whatsApp(), payload)); // as the webhook does
            long id = jdbc.queryForObject("select id from webhook_delivery where payload like ?", Long.class, "%" + wamid + "%");
            runExpectingPostponed(() -> handOffJobsOf(id)); // its job came due before the hand-off at once got to it

            assertThat(stored(phone)).as("left to the hand-off at once").isZero();
            return id;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> replied(instance));
        background.awaitSharedCommits();
        assertThat(handOffJobsOf(delivery)).as("the postponed job was deleted with the hand-off").isEmpty();
        assertThat(stored(phone)).isEqualTo(1);
        assertThat(routingJobsOf(contact)).as("stored and routed at once, not by the job's path").isEmpty();
    }

    /** The field the reply path of {@link #waitingInstance} needs. */
    private void giveCity(long contact) {
        admin().post("/api/fields", "{\"name\":\"city\",\"type\":\"TEXT\"}");
        admin().patch("/api/contacts/" + contact, "{\"fields\":{\"city\":\"Rome\"}}");
    }

    /** Runs the one fallback job listed, which a job due later must replace. */
    private void runExpectingPostponed(java.util.function.Supplier<List<String>> jobs) {
        List<String> due = jobs.get();
        assertThat(due).hasSize(1);
        java.util.Date first = management.createJobQuery().jobId(due.get(0)).singleResult().getDuedate();

        management.executeJob(due.get(0));

        List<String> postponed = jobs.get();
        assertThat(postponed).hasSize(1).doesNotContain(due.get(0));
        assertThat(management.createJobQuery().jobId(postponed.get(0)).singleResult().getDuedate()).as("due later")
                .isAfter(first);
    }

    @SuppressWarnings("unchecked")
    private HandOff<JsonNode> whatsApp() {
        return (HandOff<JsonNode>) handOffKinds.stream().filter(h -> h.name().equals("whatsapp")).findFirst().orElseThrow();
    }

    private List<String> handOffJobsOf(long delivery) {
        return jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ = ? and HANDLER_CFG_ = ?", String.class,
                HandOffs.JOB_TYPE, String.valueOf(delivery));
    }

    /** Runs {@code work} while both threads of the shared commits are kept busy. */
    private <T> T whileSharedCommitsBusy(java.util.function.Supplier<T> work) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int worker = 0; worker < 2; worker++) {
                CountDownLatch busy = new CountDownLatch(1);
                commits.submit(() -> {
                    busy.countDown();
                    awaitQuietly(release);
                    return null;
                });
                assertThat(busy.await(20, TimeUnit.SECONDS)).isTrue();
            }
            return work.get();
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
