package dev.replyflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.clock.PlatformClock;
import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Background;
import dev.replyflow.support.EngineProbe;
import dev.replyflow.support.StubHttpServer;
import dev.replyflow.support.TestBpmn;
import dev.replyflow.support.StubHttpServer.Reply;
import dev.replyflow.support.Webhooks;

/**
 * Campaigns over the API, on the Cloud API provider (a local stand-in that can answer 130429) with a messaging limit of
 * 6: the tests run the slice jobs and the send jobs themselves (the job executor is off) and move the platform clock,
 * frozen otherwise, so rate, limit and pause are checked on the clock, without sleeps. Every test starts a day after
 * the previous one, so the rolling 24 hours of the messaging limit start empty.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "replyflow.whatsapp.provider=cloud-api",
        "replyflow.whatsapp.cloud-api.phone-number-id=" + CampaignTest.NUMBER,
        "replyflow.whatsapp.cloud-api.access-token=test-access-token",
        "replyflow.whatsapp.messaging-limit=6",
        "replyflow.whatsapp.sender.retry-delays=PT0.5S,PT0.5S,PT1S,PT2S,PT3S,PT5S,PT10S,PT20S",
        "spring.datasource.url=jdbc:h2:mem:replyflow-campaigns;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true"})
@DirtiesContext
class CampaignTest extends ApiTest {

    static final String NUMBER = "106540352242900";
    private static final AtomicBoolean THROTTLED = new AtomicBoolean();
    private static final AtomicInteger WAMIDS = new AtomicInteger();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final StubHttpServer WHATSAPP = start();

    private static StubHttpServer start() {
        try {
            StubHttpServer stub = new StubHttpServer();
            stub.on("POST", "/v21.0/" + NUMBER + "/messages", request -> THROTTLED.get()
                    ? Reply.json(400, "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\","
                            + "\"code\":130429}}")
                    : Reply.json(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.campaign-"
                            + WAMIDS.incrementAndGet() + "\"}]}"));
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void cloudApi(DynamicPropertyRegistry registry) {
        registry.add("replyflow.whatsapp.cloud-api.base-url", () -> WHATSAPP.url("/v21.0"));
    }

    @AfterAll
    static void stop() {
        WHATSAPP.close();
    }

    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    PlatformClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EngineProbe probe;
    @Autowired
    Background background;
    @Autowired
    SliceJobs sliceJobs;
    @Autowired
    CampaignDispatcher dispatcher;
    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void aDayLater() {
        clock.advance(Duration.ofHours(25));
        clock.freeze(); // the rate is counted per second of the platform's time: only the test moves it
        THROTTLED.set(false);
        assertThat(admin().post("/api/wallet/top-ups", "{\"amount\":50}").status()).isEqualTo(201);
        if (admin().get("/api/fields").json().findValuesAsText("name").stream().noneMatch("city"::equals)) {
            assertThat(admin().post("/api/fields", "{\"name\":\"city\",\"type\":\"TEXT\"}").status()).isEqualTo(201);
        }
    }

    @AfterEach
    void timeFlowsAgain() {
        clock.thaw();
    }

    // ---- preview ----

    @Test
    void thePreviewCountsEachExclusionAndCostsTheRecipientsExactly() {
        String tag = unique("preview");
        String template = template("MARKETING", "Ciao {{1}}, offerte a {{2}}");
        long italian = contact(newPhone(), tag, "Anna", true, "Roma");
        long german = contact("+4915112345" + String.format("%03d", NAMES.incrementAndGet() % 1000), tag, "Jonas", true, "Berlin");
        long openConversation = contact(newPhone(), tag, "Carla", true, "Napoli");
        contact(newPhone(), tag, "Bruno", true, "Torino", true); // blocked
        contact(newPhone(), tag, "Dario", false, "Milano"); // no marketing consent
        contact(newPhone(), tag, "Elena", true, null); // no city
        invalidNumberTagged(tag);
        writes(phoneOf(italian)); // inside its 24h window: it does not count against the messaging limit
        // a marketing conversation already open with Carla: her message costs nothing more
        assertThat(admin().post("/api/contacts/" + openConversation + "/messages", "{\"template\":\"" + template
                + "\",\"language\":\"it\",\"parameters\":[\"Carla\",\"Napoli\"]}").status()).isEqualTo(201);
        BigDecimal balance = balance();

        long campaign = create("{\"name\":\"Spring sale\",\"audience\":{\"tags\":{\"any\":[\"" + tag + "\"]}},"
                + "\"template\":{\"name\":\"" + template + "\",\"language\":\"it\",\"parameters\":[\"{{contact.name}}\","
                + "\"{{fields.city}}\"]}}");
        JsonNode preview = admin().get("/api/campaigns/" + campaign + "/preview").json();

        assertThat(preview.path("audience").asLong()).isEqualTo(7);
        assertThat(preview.path("excluded").path("blocked").asLong()).isEqualTo(1);
        assertThat(preview.path("excluded").path("no-marketing-consent").asLong()).isEqualTo(1);
        assertThat(preview.path("excluded").path("invalid-number").asLong()).isEqualTo(1);
        assertThat(preview.path("excluded").path("missing-field").asLong()).isEqualTo(1);
        assertThat(preview.path("recipients").asLong()).isEqualTo(3);
        // Italy 0.14 + Germany 0.16 (marketing, starter tier) + 0 for the open conversation
        assertThat(preview.path("estimatedCost").decimalValue()).isEqualByComparingTo("0.30");
        assertThat(preview.path("currency").asText()).isEqualTo("EUR");
        assertThat(preview.path("walletBalance").decimalValue()).isEqualByComparingTo(balance);
        assertThat(preview.path("shortfall").decimalValue()).isEqualByComparingTo("0");
        // Anna is inside her window, Carla was reached by the template above: only Jonas takes room of the limit
        assertThat(preview.path("countsAgainstLimit").asLong()).isEqualTo(1);
        assertThat(preview.path("estimatedDays").asInt()).isEqualTo(1);
        assertThat(Instant.parse(preview.path("estimatedFinish").asText())).isBetween(clock.instant().minusSeconds(5),
                clock.instant().plusSeconds(5));
        assertThat(german).isPositive();
    }

    @Test
    void aLaunchTheWalletCannotCoverIsRefusedWithItsShortfallAndStartsNothing() {
        String tag = unique("short");
        String template = template("UTILITY", "Il tuo ordine {{1}}");
        contact(newPhone(), tag, "Anna", false, null);
        contact(newPhone(), tag, "Bea", false, null);
        long campaign = create(templateCampaign(tag, template, "[\"{{contact.phone}}\"]", 10));
        jdbc.update("update wallet_lane set balance = 0");
        jdbc.update("update wallet_lane set balance = 0.10 where lane = 0");
        try {
            assertThat(admin().get("/api/campaigns/" + campaign + "/preview").json().path("shortfall").decimalValue())
                    .isEqualByComparingTo("0.18");

            Response refused = admin().post("/api/campaigns/" + campaign + "/launch", "{}");

            assertThat(refused.status()).isEqualTo(402);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("shortfall").decimalValue()).isEqualByComparingTo("0.18");
            assertThat(balance()).isEqualByComparingTo("0.10");
            JsonNode after = admin().get("/api/campaigns/" + campaign).json();
            assertThat(after.path("status").asText()).isEqualTo("DRAFT");
            assertThat(after.path("counts").path("queued").asLong()).isZero();
            assertThat(dueSlices(campaign)).isEmpty();
        } finally {
            admin().post("/api/wallet/top-ups", "{\"amount\":50}");
        }
    }

    // ---- dispatch: rate, messaging limit, pause, restarts ----

    @Test
    void theRateAndTheMessagingLimitAreKeptOnTheClock() {
        String tag = unique("pace");
        String template = template("UTILITY", "Avviso per {{1}}");
        for (int i = 0; i < 8; i++) {
            contact(newPhone(), tag, "Out " + i, false, null);
        }
        for (int i = 0; i < 2; i++) {
            writes(phoneOf(contact(newPhone(), tag, "In " + i, false, null)));
        }
        long campaign = create(templateCampaign(tag, template, "[\"{{contact.phone}}\"]", 3));
        Instant launched = clock.instant();
        assertThat(admin().post("/api/campaigns/" + campaign + "/launch", "{}").status()).isEqualTo(202);

        runDueSlices(campaign);
        assertThat(dispatched(campaign)).isEqualTo(3); // the two inside their window first, then one more
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).as("the next slice waits a second").isEqualTo(3);

        clock.advance(Duration.ofSeconds(1));
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).isEqualTo(6);
        clock.advance(Duration.ofSeconds(1));
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).as("limit 6 outside the window: 1 + 3 + 2").isEqualTo(8);
        clock.advance(Duration.ofSeconds(1));
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).isEqualTo(8);
        assertThat(admin().get("/api/campaigns/" + campaign).json().path("status").asText()).isEqualTo("RUNNING");
        Instant nextSlice = sliceJobs(campaign).get(0).getDuedate().toInstant();
        assertThat(nextSlice).as("the next slice waits until the first reach leaves the rolling 24 hours")
                .isAfter(launched.plus(Duration.ofHours(23).plusMinutes(59))).isBefore(launched.plus(Duration.ofHours(24).plusMinutes(1)));

        clock.advance(Duration.ofHours(12));
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).isEqualTo(8);
        clock.advance(Duration.ofHours(12));
        for (int i = 0; i < 5 && dispatched(campaign) < 10; i++) {
            runDueSlices(campaign);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(dispatched(campaign)).isEqualTo(10);
        assertThat(admin().get("/api/campaigns/" + campaign).json().path("status").asText()).isEqualTo("COMPLETED");

        // never more than 3 a second, never more than 6 limited contacts in any 24 hours
        List<Map<String, Object>> perSecond = jdbc.queryForList("select dispatched_at, count(*) n from campaign_recipient "
                + "where campaign_id = ? group by dispatched_at", campaign);
        assertThat(perSecond).allSatisfy(row -> assertThat(((Number) row.get("N")).intValue()).isLessThanOrEqualTo(3));
        List<Instant> limited = jdbc.queryForList("select dispatched_at from campaign_recipient where campaign_id = ? "
                + "and counts_against_limit = true order by dispatched_at", java.time.OffsetDateTime.class, campaign)
                .stream().map(java.time.OffsetDateTime::toInstant).toList();
        assertThat(limited).hasSize(8).allSatisfy(at -> assertThat(limited.stream()
                .filter(other -> !other.isAfter(at) && other.isAfter(at.minus(Duration.ofHours(24)))).count())
                .isLessThanOrEqualTo(6));
    }

    @Test
    void anAutomationsTemplateOutsideTheWindowTakesRoomACampaignCannotUseAndAContactReachedCountsOnce() {
        String template = template("UTILITY", "Aggiornamento {{1}}");
        String key = "portfolio-reminder";
        probe.deploy(key, TestBpmn.process(key, TestBpmn.chain(TestBpmn.step("remind", "sendMessage", true, "template",
                template, "language", "it", "parameters", "${contactPhone}"), "remind")));
        String tag = unique("portfolio");
        long x = contact(newPhone(), tag, "X", false, null);
        List<Long> others = List.of(contact(newPhone(), unique("other"), "A", false, null),
                contact(newPhone(), unique("other"), "B", false, null));
        Instant automationSent = clock.instant();
        for (long contact : List.of(others.get(0), others.get(1), x)) { // 3 of the limit of 6, none of them by a campaign
            String instance = admin().post("/api/automations/" + key + "/start", "{\"phone\":\"" + phoneOf(contact) + "\"}")
                    .json().path("processInstanceId").asText();
            probe.runJob(instance);
        }
        for (int i = 0; i < 4; i++) {
            contact(newPhone(), tag, "C" + i, false, null);
        }
        clock.advance(Duration.ofMinutes(1));
        long campaign = create(templateCampaign(tag, template, "[\"{{contact.phone}}\"]", 10));

        JsonNode preview = admin().get("/api/campaigns/" + campaign + "/preview").json();
        assertThat(preview.path("recipients").asLong()).isEqualTo(5);
        assertThat(preview.path("countsAgainstLimit").asLong()).as("X was reached already: the four others need room")
                .isEqualTo(4);
        assertThat(preview.path("estimatedDays").asInt()).as("room for 3 now, the fourth a day later").isEqualTo(2);

        admin().post("/api/campaigns/" + campaign + "/launch", "{}");
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).as("X without new room, then three while the limit has room").isEqualTo(4);
        awaitSends();
        clock.advance(Duration.ofSeconds(1));
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).as("X's second template in the 24 hours took no second place").isEqualTo(4);
        Instant nextSlice = sliceJobs(campaign).get(0).getDuedate().toInstant();
        assertThat(nextSlice).as("room comes back when the automation's first reach leaves the rolling 24 hours")
                .isAfter(automationSent.plus(Duration.ofHours(24)).minusSeconds(1))
                .isBefore(automationSent.plus(Duration.ofHours(24)).plusSeconds(5));

        clock.advance(Duration.ofHours(24));
        for (int i = 0; i < 3 && !"COMPLETED".equals(admin().get("/api/campaigns/" + campaign).json().path("status").asText()); i++) {
            runDueSlices(campaign);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(dispatched(campaign)).isEqualTo(5);
        assertThat(admin().get("/api/campaigns/" + campaign).json().path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aPausedCampaignStartsNobodyUntilResumedAndCancelGivesTheUnspentReservationBack() {
        String tag = unique("pause");
        String template = template("UTILITY", "Promemoria {{1}}");
        for (int i = 0; i < 5; i++) {
            contact(newPhone(), tag, "P" + i, false, null);
        }
        long campaign = create(templateCampaign(tag, template, "[\"{{contact.phone}}\"]", 2));
        BigDecimal before = balance();
        admin().post("/api/campaigns/" + campaign + "/launch", "{}");
        assertThat(before.subtract(balance())).as("5 × 0.14 reserved").isEqualByComparingTo("0.70");
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).isEqualTo(2);

        Response paused = admin().post("/api/campaigns/" + campaign + "/pause", "{}");
        assertThat(paused.status()).isEqualTo(202);
        assertThat(paused.json().path("status").asText()).isEqualTo("PAUSED");
        clock.advance(Duration.ofSeconds(1));
        runDueSlices(campaign);
        clock.advance(Duration.ofMinutes(10));
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).isEqualTo(2);
        assertThat(sliceJobs(campaign)).as("no slice left behind").isEmpty();

        assertThat(admin().post("/api/campaigns/" + campaign + "/resume", "{}").status()).isEqualTo(202);
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).isEqualTo(4);

        Response cancelled = admin().post("/api/campaigns/" + campaign + "/cancel", "{}");
        assertThat(cancelled.status()).isEqualTo(202);
        JsonNode view = cancelled.json();
        assertThat(view.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(view.path("counts").path("queued").asLong()).isZero();
        assertThat(view.path("counts").path("cancelled").asLong()).isEqualTo(1);
        assertThat(view.path("reserved").decimalValue()).isEqualByComparingTo("0");
        clock.advance(Duration.ofSeconds(1));
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).isEqualTo(4);
        awaitSends();
        assertThat(before.subtract(balance())).as("exactly the 4 messages sent").isEqualByComparingTo("0.56");
        assertThat(admin().get("/api/campaigns/" + campaign).json().path("cost").decimalValue()).isEqualByComparingTo("0.56");
        assertThat(admin().post("/api/campaigns/" + campaign + "/launch", "{}").status()).isEqualTo(409);
        assertThat(admin().post("/api/campaigns/" + campaign + "/resume", "{}").status()).isEqualTo(409);
    }

    @Test
    void aCrashMidSliceAndDuplicateSliceJobsLoseAndRepeatNobody() throws Exception {
        String tag = unique("durable");
        String template = template("UTILITY", "Ciao {{1}}");
        for (int i = 0; i < 6; i++) {
            contact(newPhone(), tag, "D" + i, false, null);
        }
        long campaign = create(templateCampaign(tag, template, "[\"{{contact.phone}}\"]", 2));
        admin().post("/api/campaigns/" + campaign + "/launch", "{}");
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).isEqualTo(2);

        // a node dies in the middle of the next slice: its transaction never commits
        clock.advance(Duration.ofSeconds(1));
        int next = Integer.parseInt(((JobEntity) sliceJobs(campaign).get(0)).getJobHandlerConfigurationRaw().split(":")[1]);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            dispatcher.slice(campaign, next);
            status.setRollbackOnly();
        });
        assertThat(dispatched(campaign)).isEqualTo(2);

        // then two nodes run that slice at once (a lock that expired, a duplicated job): one dispatches, one does nothing
        sliceJobs.schedule(campaign, next, clock.instant());
        List<Job> due = dueSlices(campaign);
        assertThat(due).hasSize(2);
        CompletableFuture.allOf(due.stream().map(job -> CompletableFuture.runAsync(() -> management.executeJob(job.getId())))
                .toArray(CompletableFuture[]::new)).get();
        assertThat(dispatched(campaign)).isEqualTo(4);
        assertThat(sliceJobs(campaign)).hasSize(1);
        for (int i = 0; i < 10 && dispatched(campaign) < 6; i++) {
            clock.advance(Duration.ofSeconds(1));
            runDueSlices(campaign);
        }

        assertThat(dispatched(campaign)).isEqualTo(6);
        var instances = history.createHistoricProcessInstanceQuery().processDefinitionKey(CampaignTemplateAutomation.KEY)
                .variableValueEquals("campaignId", campaign).list();
        assertThat(instances).hasSize(6);
        assertThat(instances.stream().map(i -> i.getBusinessKey()).distinct()).hasSize(6);
        assertThat(admin().get("/api/campaigns/" + campaign).json().path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aRecipientRefusedAtSendTimeEndsNotSentWithoutStoppingTheSlice() {
        String tag = unique("refused");
        String template = template("MARKETING", "Offerta {{1}}");
        long withdrawn = contact(newPhone(), tag, "W", true, null);
        contact(newPhone(), tag, "K", true, null);
        long campaign = create(templateCampaign(tag, template, "[\"{{contact.phone}}\"]", 10));
        admin().post("/api/campaigns/" + campaign + "/launch", "{}");
        assertThat(admin().patch("/api/contacts/" + withdrawn, "{\"marketingConsent\":false}").status()).isEqualTo(200);

        runDueSlices(campaign);
        awaitSends();

        JsonNode view = admin().get("/api/campaigns/" + campaign).json();
        assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(view.path("counts").path("dispatched").asLong()).isEqualTo(2);
        assertThat(view.path("counts").path("sent").asLong()).as("the one who kept consent").isEqualTo(1);
        String instance = jdbc.queryForObject("select process_instance_id from campaign_recipient where campaign_id = ? "
                + "and contact_id = ?", String.class, campaign, withdrawn);
        assertThat(probe.ended(instance, "not-sent")).isTrue();
        assertThat(probe.variables(instance)).containsEntry("sendRefused", "no-marketing-consent");
    }

    // ---- WhatsApp's "slow down" ----

    @Test
    void a130429SlowsTheCampaignInsteadOfFailingItsRecipients() {
        String tag = unique("throttle");
        String template = template("UTILITY", "Novità {{1}}");
        for (int i = 0; i < 6; i++) {
            contact(newPhone(), tag, "T" + i, false, null);
        }
        long campaign = create(templateCampaign(tag, template, "[\"{{contact.phone}}\"]", 4));
        admin().post("/api/campaigns/" + campaign + "/launch", "{}");
        THROTTLED.set(true);
        runDueSlices(campaign); // the slice records their messages; the sender pool sends them after its commit
        assertThat(dispatched(campaign)).isEqualTo(4);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                admin().get("/api/campaigns/" + campaign).json().path("currentRate").asInt() == 2);
        THROTTLED.set(false);
        probe.awaitSent();

        clock.advance(Duration.ofSeconds(1));
        runDueSlices(campaign);
        assertThat(dispatched(campaign)).as("half the rate while WhatsApp is busy").isEqualTo(6);
        JsonNode view = admin().get("/api/campaigns/" + campaign).json();
        assertThat(view.path("rate").asInt()).isEqualTo(4);
        assertThat(view.path("throttledUntil").isNull()).isFalse();
        awaitSends();
        view = admin().get("/api/campaigns/" + campaign).json();
        assertThat(view.path("counts").path("sent").asLong()).isEqualTo(6);
        assertThat(view.path("counts").path("failed").asLong()).isZero();
        assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
    }

    // ---- results ----

    @Test
    void progressFollowsStatusesAndRepliesAndAListIsMadeFromThoseWhoReplied() {
        String tag = unique("results");
        String template = template("UTILITY", "Sondaggio {{1}}");
        long ada = contact(newPhone(), tag, "Ada", false, null);
        long ben = contact(newPhone(), tag, "Ben", false, null);
        long cy = contact(newPhone(), tag, "Cy", false, null);
        long campaign = create(templateCampaign(tag, template, "[\"{{contact.name}}\"]", 10));
        admin().post("/api/campaigns/" + campaign + "/launch", "{}");
        runDueSlices(campaign);
        awaitSends();

        clock.advance(Duration.ofSeconds(5)); // WhatsApp's timestamps are whole seconds: the reply comes clearly later
        writes(phoneOf(ada));
        assertThat(deliverWhatsApp(Webhooks.status(lastWamid(ben), "delivered")).status()).isEqualTo(200);
        assertThat(deliverWhatsApp(Webhooks.status(lastWamid(cy), "read")).status()).isEqualTo(200);

        JsonNode view = admin().get("/api/campaigns/" + campaign).json();
        JsonNode counts = view.path("counts");
        assertThat(counts.path("dispatched").asLong()).isEqualTo(3);
        assertThat(counts.path("sent").asLong()).isEqualTo(3);
        assertThat(counts.path("delivered").asLong()).isEqualTo(2);
        assertThat(counts.path("read").asLong()).isEqualTo(1);
        assertThat(counts.path("replied").asLong()).isEqualTo(1);
        assertThat(counts.path("failed").asLong()).isZero();
        assertThat(view.path("cost").decimalValue()).isEqualByComparingTo("0.42");
        assertThat(admin().get("/api/campaigns").json().findValuesAsText("name")).contains("Campaign " + tag);

        Response list = admin().post("/api/campaigns/" + campaign + "/lists", "{\"name\":\"" + tag + " replied\",\"segment\":\"replied\"}");
        assertThat(list.status()).isEqualTo(201);
        assertThat(list.json().path("size").asLong()).isEqualTo(1);
        assertThat(jdbc.queryForList("select contact_id from list_member where list_id = ?", Long.class,
                list.json().path("id").asLong())).containsExactly(ada);
        Response silent = admin().post("/api/campaigns/" + campaign + "/lists", "{\"name\":\"" + tag + " silent\",\"segment\":\"not-replied\"}");
        assertThat(silent.json().path("size").asLong()).isEqualTo(2);
        assertThat(admin().post("/api/campaigns/" + campaign + "/lists", "{\"name\":\"" + tag + " x\",\"segment\":\"opened\"}")
                .json().path("field").asText()).isEqualTo("segment");
    }

    // ---- bad input ----

    @Test
    void badInputIsRefusedNamingTheField() {
        String tag = unique("bad");
        String template = template("UTILITY", "Ciao {{1}}");
        contact(newPhone(), tag, "Z", false, null);
        String audience = "\"audience\":{\"tags\":{\"all\":[\"" + tag + "\"]}}";
        String what = "\"template\":{\"name\":\"" + template + "\",\"parameters\":[\"{{contact.name}}\"]}";

        assertRefused("{\"name\":\"x\",\"audience\":{\"list\":\"no such list\"}," + what + "}", "audience.list");
        assertRefused("{\"name\":\"x\",\"audience\":{\"tags\":{\"any\":[\"no-such-tag\"]}}," + what + "}", "audience.tags");
        assertRefused("{\"name\":\"x\"," + audience + ",\"exceptList\":null,\"template\":{\"name\":\"nope\"}}", "template.name");
        assertRefused("{\"name\":\"x\"," + audience + ",\"template\":{\"name\":\"" + template + "\",\"parameters\":[]}}",
                "template.parameters");
        assertRefused("{\"name\":\"x\"," + audience + ",\"template\":{\"name\":\"" + template
                + "\",\"parameters\":[\"{{fields.unknown}}\"]}}", "template.parameters");
        assertRefused("{\"name\":\"x\"," + audience + ",\"automation\":\"no-such-automation\"}", "automation");
        assertRefused("{\"name\":\"x\"," + audience + "," + what + ",\"rate\":81}", "rate");
        Response byPhrase = admin().post("/api/campaigns", "{\"name\":\"x\"," + audience + ",\"automation\":\"welcome-by-phrase\"}");
        assertThat(byPhrase.status()).isEqualTo(400);
        assertThat(byPhrase.json().path("field").asText()).isEqualTo("automation");
        assertThat(byPhrase.json().path("detail").asText()).contains("message start event");

        long campaign = create("{\"name\":\"x\"," + audience + "," + what + "}");
        assertThat(admin().post("/api/campaigns/" + campaign + "/launch", "{}").status()).isEqualTo(202);
        Response again = admin().post("/api/campaigns/" + campaign + "/launch", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(admin().get("/api/campaigns/424242").status()).isEqualTo(404);
    }

    // ---- helpers ----

    private void assertRefused(String body, String field) {
        Response refused = admin().post("/api/campaigns", body);
        assertThat(refused.status()).as(body).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("field").asText()).as(refused.body()).isEqualTo(field);
    }

    private static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    private String templateCampaign(String tag, String template, String parameters, int rate) {
        return "{\"name\":\"Campaign " + tag + "\",\"audience\":{\"tags\":{\"all\":[\"" + tag + "\"]}},\"template\":{\"name\":\""
                + template + "\",\"language\":\"it\",\"parameters\":" + parameters + "},\"rate\":" + rate + "}";
    }

    /** An approved Italian template of this category. */
    private String template(String category, String body) {
        String name = "campaign_" + NAMES.incrementAndGet();
        Response created = admin().post("/api/templates", "{\"name\":\"" + name + "\",\"language\":\"it\",\"category\":\""
                + category + "\",\"body\":\"" + body + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        admin().patch("/api/templates/" + created.json().path("id").asLong(), "{\"status\":\"APPROVED\"}");
        return name;
    }

    private long create(String body) {
        Response created = admin().post("/api/campaigns", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("DRAFT");
        return created.json().path("id").asLong();
    }

    private long contact(String phone, String tag, String name, boolean consent, String city) {
        return contact(phone, tag, name, consent, city, false);
    }

    private long contact(String phone, String tag, String name, boolean consent, String city, boolean blocked) {
        Response created = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"name\":\"" + name
                + "\",\"marketingConsent\":" + consent + ",\"blocked\":" + blocked + ",\"tags\":[\"" + tag + "\"]"
                + (city == null ? "" : ",\"fields\":{\"city\":\"" + city + "\"}") + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    /** A contact whose stored number WhatsApp cannot reach (written before numbers were checked, say). */
    private void invalidNumberTagged(String tag) {
        String phone = "+3900" + NAMES.incrementAndGet();
        jdbc.update("insert into contact (phone, name, marketing_consent, blocked, unread, created_at, updated_at) "
                + "values (?, 'Nobody', true, false, false, current_timestamp, current_timestamp)", phone);
        Long id = jdbc.queryForObject("select id from contact where phone = ?", Long.class, phone);
        jdbc.update("insert into contact_tag (contact_id, tag) values (?, ?)", id, tag);
        jdbc.update("insert into contact_field (contact_id, field, field_value) values (?, 'city', 'Roma')", id);
    }

    private String phoneOf(long contact) {
        return admin().get("/api/contacts/" + contact).json().path("phone").asText();
    }

    /** The contact writes to us (a signed webhook delivery), and the message is routed. */
    private void writes(String phone) {
        assertThat(deliverWhatsApp(Webhooks.textFrom(phone, "wamid.in-" + NAMES.incrementAndGet(), "Hi"))
                .status()).isEqualTo(200);
        background.settle();
    }

    private String lastWamid(long contact) {
        JsonNode chat = admin().get("/api/contacts/" + contact + "/messages").json();
        return chat.get(chat.size() - 1).path("waMessageId").asText();
    }

    private BigDecimal balance() {
        return admin().get("/api/wallet").json().path("balance").decimalValue();
    }

    private long dispatched(long campaign) {
        return admin().get("/api/campaigns/" + campaign).json().path("counts").path("dispatched").asLong();
    }

    private List<Job> sliceJobs(long campaign) {
        return management.createJobQuery().list().stream().filter(job -> job instanceof JobEntity entity
                && SliceJobs.TYPE.equals(entity.getJobHandlerType())
                && entity.getJobHandlerConfigurationRaw().startsWith(campaign + ":")).toList();
    }

    private List<Job> dueSlices(long campaign) {
        Date now = Date.from(clock.instant());
        return sliceJobs(campaign).stream().filter(job -> job.getRetries() > 0 && !job.getDuedate().after(now)).toList();
    }

    /** Runs the campaign's slice jobs that are due now, as the job executor would. */
    private void runDueSlices(long campaign) {
        dueSlices(campaign).forEach(job -> management.executeJob(job.getId()));
    }

    /**
     * Waits until the sender pool handed the messages the campaigns' slices recorded to WhatsApp. (A template campaign
     * sends in its slices, with no job per recipient: none is left to run.)
     */
    private void awaitSends() {
        assertThat(management.createJobQuery().processDefinitionKey(CampaignTemplateAutomation.KEY).count()).isZero();
        probe.awaitSent();
    }
}
