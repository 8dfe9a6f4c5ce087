package dev.replyflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.Api;

/**
 * Profile postgres on a real PostgreSQL: Flyway's and Camunda's schemas, no ready-made automation deployed, and the
 * contact, list and CSV calls. Runs where REPLYFLOW_TEST_POSTGRES_URL names an empty database
 * (.ci/run starts one); skipped elsewhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"replyflow.admin.password=postgres-test-secret", "replyflow.shop.shopify.secret=pg-shop-secret",
                "camunda.bpm.generate-unique-process-engine-name=true"}) // its own name: engines register by name JVM-wide
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "REPLYFLOW_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresStartupTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> System.getenv("REPLYFLOW_TEST_POSTGRES_URL"));
    }

    @Test
    void startsOnPostgresWithFlywayAndCamundaSchemas() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForList("select version from flyway_schema_history where success and version is not null",
                String.class)).contains("1");
        // a fresh start deploys only processes/ (empty by default): the gallery's automations wait to be chosen
        assertThat(jdbc.queryForObject("select count(*) from act_re_procdef where key_ = 'welcome-reply'", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from act_id_user where id_ = 'admin'", Long.class)).isEqualTo(1);
        // job acquisition finds the due jobs by index, not by reading every waiting timer (JobDueDateIndex)
        assertThat(jdbc.queryForObject("select count(*) from pg_indexes where tablename = 'act_ru_job' "
                + "and indexname = 'act_idx_job_duedate'", Long.class)).isEqualTo(1);
    }

    /** A JDBC batch of INSERTs goes as one multi-row INSERT (reWriteBatchedInserts): the engine's history rows. */
    @Test
    void batchedInsertsGoAsOneMultiRowInsert() {
        jdbc.execute("create table batch_probe (n int)");
        try {
            int[] counts = jdbc.batchUpdate("insert into batch_probe (n) values (?)",
                    java.util.List.of(new Object[] {1}, new Object[] {2}));
            // rewritten, the driver cannot tell each row's count; sent one by one, each would say 1
            assertThat(counts).containsOnly(java.sql.Statement.SUCCESS_NO_INFO);
            assertThat(jdbc.queryForObject("select count(*) from batch_probe", Long.class)).isEqualTo(2);
        } finally {
            jdbc.execute("drop table batch_probe");
        }
    }

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /** A durable duty (an AI operator's answer) is stored with its transaction and deleted once done, on PostgreSQL. */
    @Test
    void theEventPublicationRegistryKeepsADutyUntilItIsDone() {
        Long stored = new org.springframework.transaction.support.TransactionTemplate(transactions).execute(status -> {
            events.publishEvent(new dev.replyflow.automation.ai.AiAnswerDue(-1L, -1L, "wamid.pg-registry"));
            return jdbc.queryForObject("select count(*) from event_publication where serialized_event like ?", Long.class,
                    "%wamid.pg-registry%");
        });

        assertThat(stored).isEqualTo(1);
        org.awaitility.Awaitility.await().until(() -> jdbc.queryForObject(
                "select count(*) from event_publication where serialized_event like ?", Long.class, "%wamid.pg-registry%") == 0);
    }

    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;
    @Autowired
    org.camunda.bpm.engine.HistoryService history;
    @Autowired
    dev.replyflow.automation.ReplyCorrelation replies;

    /** Replies and No Response timers fired at the same moment from several threads: every instance takes one path. */
    @Test
    void repliesRacingTimersTakeExactlyOnePathOnPostgres() throws Exception {
        repository.createDeployment().addString("pg-race.bpmn", dev.replyflow.support.TestBpmn.process("pg-race",
                "<bpmn:startEvent id=\"start\"/>" + dev.replyflow.support.TestBpmn.customerResponse("wait", "silence")
                + "<bpmn:endEvent id=\"replied\"/><bpmn:endEvent id=\"silent\"/>"
                + dev.replyflow.support.TestBpmn.flow("start", "wait") + dev.replyflow.support.TestBpmn.flow("wait", "replied")
                + dev.replyflow.support.TestBpmn.flow("silence", "silent"))).deploy();
        String prefix = String.valueOf(System.currentTimeMillis() % 100_000 + 100_000);
        List<String> instances = new java.util.ArrayList<>();
        List<java.util.concurrent.Callable<Object>> work = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 20; i++) {
            String phone = "+39325" + prefix + String.format("%02d", i);
            String instance = runtime.startProcessInstanceByKey("pg-race", phone).getId();
            instances.add(instance);
            String job = management.createJobQuery().processInstanceId(instance).timers().singleResult().getId();
            management.setJobDuedate(job, java.util.Date.from(java.time.Instant.now().minusSeconds(1)));
            String wamid = "wamid.pg-race-" + prefix + i;
            work.add(() -> {
                go.await();
                try {
                    management.executeJob(job);
                } catch (RuntimeException lostTheRace) {
                    // the reply committed first
                }
                return null;
            });
            work.add(() -> {
                go.await();
                return replies.correlate(new dev.replyflow.messaging.InboundMessageReceived(null, null, phone, wamid, "text", "hi", null));
            });
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Object>> futures = new java.util.ArrayList<>();
            work.forEach(w -> futures.add(threads.submit(w)));
            go.countDown();
            for (var future : futures) {
                future.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        int replied = 0;
        for (String instance : instances) {
            List<String> ends = history.createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
                    .map(a -> a.getActivityId()).filter(id -> id.equals("replied") || id.equals("silent")).toList();
            assertThat(ends).as(instance).hasSize(1);
            replied += ends.get(0).equals("replied") ? 1 : 0;
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
            assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
        }
        System.out.printf("PostgreSQL race: %d of %d instances took the reply, the others the No Response path%n",
                replied, instances.size());
    }

    @Autowired
    dev.replyflow.contact.ContactService contactService;

    /** An automation's Add Tag on PostgreSQL: the tag once, the contact marked changed once, an unknown contact refused. */
    @Test
    void addTagTagsOnceAndMarksTheContactChangedOnPostgres() {
        Api admin = Api.as(port, "admin", "postgres-test-secret");
        String suffix = String.valueOf(System.currentTimeMillis() % 1_000_000 + 1_000_000);
        long id = admin.post("/api/contacts", "{\"phone\":\"328" + suffix + "\",\"name\":\"Tea\"}").json().path("id").asLong();
        jdbc.update("update contact set updated_at = ? where id = ?", java.time.OffsetDateTime.parse("2020-01-01T00:00:00Z"), id);

        contactService.tag(id, "pg-vip");
        java.time.OffsetDateTime marked = jdbc.queryForObject("select updated_at from contact where id = ?",
                java.time.OffsetDateTime.class, id);
        contactService.tag(id, "pg-vip");

        assertThat(jdbc.queryForList("select tag from contact_tag where contact_id = ?", String.class, id)).containsExactly("pg-vip");
        assertThat(marked).isAfter(java.time.OffsetDateTime.parse("2020-01-01T00:00:00Z"));
        assertThat(jdbc.queryForObject("select updated_at from contact where id = ?", java.time.OffsetDateTime.class, id))
                .as("a tag the contact has already changes nothing").isEqualTo(marked);
        assertThat(admin.get("/api/contacts/" + id).json().path("tags").toString()).contains("pg-vip");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> contactService.tag(Long.MAX_VALUE, "pg-vip"))
                .isInstanceOf(dev.replyflow.web.ApiException.class).hasMessageContaining(String.valueOf(Long.MAX_VALUE));
    }

    @Test
    void contactsListsAndCsvWorkOnPostgres() {
        Api admin = Api.as(port, "admin", "postgres-test-secret");
        String suffix = String.valueOf(System.currentTimeMillis() % 1_000_000 + 1_000_000);
        assertThat(admin.post("/api/fields", "{\"name\":\"pg_city\",\"type\":\"TEXT\"}").status()).isIn(201, 409);
        JsonNode contact = admin.post("/api/contacts", "{\"phone\":\"327" + suffix + "\",\"name\":\"Pia\",\"marketingConsent\":true}").json();
        assertThat(contact.path("phone").asText()).isEqualTo("+39327" + suffix);
        long list = admin.post("/api/lists", "{\"name\":\"pg " + suffix + "\"}").json().path("id").asLong();

        JsonNode imported = admin.postCsv("/api/lists/" + list + "/import",
                "phone,name,pg_city\n+39327" + suffix + ",Pia Rossi,Como\n+39326" + suffix + ",Leo,Lodi\nbad,x,y\n").json();

        assertThat(imported.path("imported").asInt()).isEqualTo(1);
        assertThat(imported.path("updated").asInt()).isEqualTo(1);
        assertThat(imported.path("rejected").get(0).path("line").asInt()).isEqualTo(4);
        List<String> export = admin.get("/api/lists/" + list + "/export").body().lines().toList();
        assertThat(export).hasSize(3);
        assertThat(export.get(1)).contains("Pia Rossi").contains("Como");

        assertThat(admin.delete("/api/contacts/" + contact.path("id").asLong()).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from list_member where contact_id = ?", Long.class,
                contact.path("id").asLong())).isZero();
    }

    /**
     * Shopify delivers the same order four times at once: on PostgreSQL too one delivery is stored, and the job
     * executor (running here) starts its automation once.
     */
    @Test
    void aShopDeliverySentFourTimesAtOnceStartsItsAutomationOnceOnPostgres() throws Exception {
        repository.createDeployment().enableDuplicateFiltering(true).addString("pg-paid.bpmn", dev.replyflow.support.TestBpmn
                .process("pg-paid", "<bpmn:startEvent id=\"paid\"><bpmn:signalEventDefinition signalRef=\"paid-signal\"/>"
                        + "</bpmn:startEvent><bpmn:userTask id=\"thank\"/><bpmn:endEvent id=\"end\"/>"
                        + dev.replyflow.support.TestBpmn.flow("paid", "thank") + dev.replyflow.support.TestBpmn.flow("thank", "end"))
                .replace("<bpmn:message id=\"reply\" name=\"customer-reply\"/>",
                        "<bpmn:signal id=\"paid-signal\" name=\"shop:order-paid\"/>")).deploy();
        String phone = "+39325" + (System.currentTimeMillis() % 1_000_000 + 1_000_000);
        byte[] order = ("{\"id\": " + System.nanoTime() + ", \"name\": \"#1\", \"total_price\": \"9.00\", \"currency\": \"EUR\","
                + " \"customer\": {\"first_name\": \"Pia\", \"phone\": \"" + phone + "\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("pg-shop-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        java.util.Map<String, String> headers = java.util.Map.of("X-Shopify-Topic", "orders/paid", "X-Shopify-Webhook-Id",
                java.util.UUID.randomUUID().toString(), "X-Shopify-Hmac-Sha256",
                java.util.Base64.getEncoder().encodeToString(mac.doFinal(order)));
        java.util.concurrent.ExecutorService shop = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Callable<Api.Response>> deliveries = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(() -> Api.anonymous(port).post("/webhooks/shop/shopify", "application/json", order, headers));
        }
        List<String> outcomes = new java.util.ArrayList<>();
        for (var answer : shop.invokeAll(deliveries)) {
            assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
            outcomes.add(answer.get().json().path("outcome").asText());
        }
        shop.shutdown();

        assertThat(outcomes).containsExactlyInAnyOrder("accepted", "duplicate", "duplicate", "duplicate");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from webhook_delivery d join contact c on c.id = d.contact_id where c.phone = ?", Long.class,
                phone) == 0);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("pg-paid").processInstanceBusinessKey(phone)
                .count()).isEqualTo(1);
    }
}
