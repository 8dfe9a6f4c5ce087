package dev.replyflow.automation.integrations;

import static dev.replyflow.automation.integrations.IntegrationBpmn.chain;
import static dev.replyflow.automation.integrations.IntegrationBpmn.end;
import static dev.replyflow.automation.integrations.IntegrationBpmn.flow;
import static dev.replyflow.automation.integrations.IntegrationBpmn.onFailure;
import static dev.replyflow.automation.integrations.IntegrationBpmn.step;
import static dev.replyflow.automation.integrations.IntegrationBpmn.waitADay;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.replyflow.automation.calls.RemoteCallStep;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.EngineProbe;
import dev.replyflow.support.StubHttpServer.Reply;

/**
 * The three integration steps on the application's engine, in hand-written BPMN, against one local stub for
 * all three services. Its own context (and engine name): the base URLs point at this class's stub.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:replyflow-integrations;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "replyflow.integrations.activecampaign.api-token=ac-test-token",
        "replyflow.integrations.emailchef.consumer-key=ec-test-key",
        "replyflow.integrations.emailchef.consumer-secret=ec-test-secret",
        "replyflow.integrations.paypal.client-id=pp-test-id",
        "replyflow.integrations.paypal.client-secret=pp-test-secret"})
@ActiveProfiles("test")
@DirtiesContext
class IntegrationStepsOnEngineTest extends ApiTest {

    private static final StubServer STUB = startStub();

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("replyflow.integrations.activecampaign.base-url", () -> STUB.url("/ac"));
        registry.add("replyflow.integrations.emailchef.base-url", () -> STUB.url("/emailchef/apps/api/v1"));
        registry.add("replyflow.integrations.paypal.base-url", () -> STUB.url("/paypal"));
    }

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @Autowired
    RuntimeService runtime;
    @Autowired
    EngineProbe engine;
    @Autowired
    HistoryService history;
    @Autowired
    ApplicationContext context;

    /** PayPal's idempotency, as the stub plays it: one order per PayPal-Request-Id. */
    private final Map<String, String> ordersByRequestId = new ConcurrentHashMap<>();
    private final AtomicInteger orderNumbers = new AtomicInteger();

    @BeforeEach
    void setUp() {
        STUB.reset();
        STUB.on("POST", "/ac/api/3/contact/sync", Reply.json(201, "{\"fieldValues\":[],\"contact\":{\"email\":\"x\",\"id\":\"113\"}}"));
        STUB.on("GET", "/ac/api/3/tags", Reply.json(200, "{\"tags\":[],\"meta\":{\"total\":\"0\"}}"));
        STUB.on("POST", "/ac/api/3/tags", Reply.json(201, "{\"tag\":{\"tag\":\"vip\",\"tagType\":\"contact\",\"id\":\"21\"}}"));
        STUB.on("POST", "/ac/api/3/contactTags", Reply.json(201, "{\"contactTag\":{\"contact\":\"113\",\"tag\":\"21\",\"id\":\"9\"}}"));
        STUB.on("GET", "/emailchef/apps/api/v1/contacts", Reply.json(200, "[]"));
        STUB.on("POST", "/emailchef/apps/api/v1/contacts", Reply.json(200,
                "{\"status\":\"OK\",\"contact_added_to_list\":true,\"updated\":false,\"contact_id\":\"4512\"}"));
        STUB.on("POST", "/paypal/v1/oauth2/token", Reply.json(200,
                "{\"access_token\":\"A21AA-engine-token\",\"token_type\":\"Bearer\",\"expires_in\":32400}"));
        STUB.on("POST", "/paypal/v2/checkout/orders", request -> {
            if (request.body().contains("\"999.00\"")) {
                return Reply.json(422, "{\"name\":\"UNPROCESSABLE_ENTITY\",\"message\":\"The requested action could not be "
                        + "performed.\",\"details\":[{\"issue\":\"PAYEE_ACCOUNT_RESTRICTED\",\"description\":\"The merchant "
                        + "account is restricted.\"}],\"debug_id\":\"ab12cd34ef\"}");
            }
            String id = ordersByRequestId.computeIfAbsent(request.header("PayPal-Request-Id"),
                    key -> "ORDER-" + orderNumbers.incrementAndGet());
            return Reply.json(201, PayPalClientTest.order(id, "approve"));
        });
        admin().post("/api/fields", "{\"name\":\"email\",\"type\":\"TEXT\"}"); // 201, or 409 once it exists
    }

    private long contact(String phone, String name, String email) {
        String fields = email == null ? "{}" : "{\"email\":\"" + email + "\"}";
        var response = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"name\":\"" + name + "\",\"fields\":" + fields + "}");
        assertThat(response.status()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    private void deploy(String id, String body) {
        engine.deploy(id, IntegrationBpmn.process(id, body));
    }

    private String start(String key, String phone, long contactId) {
        return runtime.startProcessInstanceByKey(key, phone, Map.of("contactId", contactId, "contactPhone", phone)).getId();
    }


    private boolean passed(String instance, String activity) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId(activity).count() > 0;
    }

    @Test
    void everyCatalogueEntryHasItsDelegateBean() {
        assertThat(IntegrationSteps.STEPS).extracting(s -> s.delegate()).containsExactly("activeCampaign", "emailchef", "paypal");
        for (var step : IntegrationSteps.STEPS) {
            assertThat(context.getBean(step.delegate())).isInstanceOf(RemoteCallStep.class);
            assertThat(step.talksToOutside()).isTrue();
            assertThat(step.errors()).containsExactly(IntegrationSteps.INTEGRATION_FAILED);
        }
    }

    @Test
    void activeCampaignSyncsAndTagsTheContactAndKeepsItsId() {
        deploy("ac-tag", chain(step("ac", "activeCampaign", "action", "add-tag", "tag", "vip"), "ac", waitADay("wait"), "wait"));
        String phone = newPhone();
        String instance = start("ac-tag", phone, contact(phone, "Mario De Rossi", "mario@example.com"));

        engine.runJob(instance);

        assertThat(runtime.getVariable(instance, "activeCampaignContactId")).isEqualTo("113");
        var sync = STUB.only("POST", "/ac/api/3/contact/sync");
        assertThat(sync.header("Api-Token")).isEqualTo("ac-test-token");
        assertThat(sync.json().path("contact").toString()).isEqualTo(
                "{\"email\":\"mario@example.com\",\"firstName\":\"Mario\",\"lastName\":\"De Rossi\",\"phone\":\"" + phone + "\"}");
        assertThat(STUB.only("GET", "/ac/api/3/tags").query()).isEqualTo("search=vip&limit=100");
        assertThat(STUB.only("POST", "/ac/api/3/contactTags").json().toString())
                .isEqualTo("{\"contactTag\":{\"contact\":\"113\",\"tag\":\"21\"}}");
    }

    @Test
    void aContactWithoutEmailTakesTheIntegrationFailedPath() {
        deploy("ac-no-email", """
                <bpmn:startEvent id="start"/>
                %s %s %s %s %s %s %s
                """.formatted(step("ac", "activeCampaign", "action", "sync-contact"), onFailure("failed", "ac"),
                waitADay("synced"), waitADay("ask-for-email"), flow("start", "ac"), flow("ac", "synced"),
                flow("failed", "ask-for-email")));
        String phone = newPhone();
        String instance = start("ac-no-email", phone, contact(phone, "Anna", null));

        engine.runJob(instance);

        assertThat(passed(instance, "ask-for-email")).isTrue();
        assertThat((String) runtime.getVariable(instance, "integrationError"))
                .contains("ActiveCampaign needs the contact's email").contains("field 'email'");
        assertThat(STUB.requests()).isEmpty();
    }

    @Test
    void emailchefAddsTheContactToTheList() {
        deploy("ec-add", chain(step("ec", "emailchef", "list", "98765"), "ec", waitADay("wait"), "wait"));
        String phone = newPhone();
        String instance = start("ec-add", phone, contact(phone, "Mario Rossi", "mario.rossi@example.com"));

        engine.runJob(instance);

        assertThat(runtime.getVariable(instance, "emailchefContactId")).isEqualTo("4512");
        var post = STUB.only("POST", "/emailchef/apps/api/v1/contacts");
        assertThat(post.header("consumerKey")).isEqualTo("ec-test-key");
        assertThat(post.header("consumerSecret")).isEqualTo("ec-test-secret");
        assertThat(post.json().path("instance_in").toString()).isEqualTo("{\"list_id\":98765,\"status\":\"ACTIVE\","
                + "\"email\":\"mario.rossi@example.com\",\"firstname\":\"Mario\",\"lastname\":\"Rossi\",\"custom_fields\":"
                + "[{\"place_holder\":\"phone\",\"value\":\"" + phone + "\"}],\"mode\":\"ADMIN\"}");
    }

    @Test
    void payPalPutsThePaymentLinkIntoVariablesForTheNextStep() {
        deploy("pay-link", chain(step("pay", "paypal", "amount", "${'12.5'}", "description", "Order A-77"), "pay",
                waitADay("wait"), "wait"));
        String phone = newPhone();
        String instance = start("pay-link", phone, contact(phone, "Mario", null));

        engine.runJob(instance);

        String order = (String) runtime.getVariable(instance, "paypalOrderId");
        assertThat(order).startsWith("ORDER-");
        assertThat(runtime.getVariable(instance, "paymentUrl")).isEqualTo("https://www.sandbox.paypal.com/checkoutnow?token=" + order);
        var create = STUB.only("POST", "/paypal/v2/checkout/orders");
        assertThat(create.header("PayPal-Request-Id")).isEqualTo(instance + ":pay:0");
        assertThat(create.json().toString()).isEqualTo("{\"intent\":\"CAPTURE\",\"purchase_units\":[{\"reference_id\":\""
                + instance + ":pay:0\",\"description\":\"Order A-77\",\"amount\":{\"currency_code\":\"EUR\",\"value\":\"12.50\"}}]}");
    }

    @Test
    void aRetriedPayPalStepAsksForTheSameOrder() {
        // the step after PayPal fails in the transaction that completes the call, so the call is retried
        deploy("pay-then-fail", chain(step("pay", "paypal", "amount", "20", "currency", "USD"), "pay",
                "<bpmn:serviceTask id=\"boom\" camunda:expression=\"${contact.field('missing').length()}\"/>", "boom"));
        String phone = newPhone();
        String instance = start("pay-then-fail", phone, contact(phone, "Mario", null));

        engine.runJob(instance);
        assertThat(engine.call(instance).getRetries()).isEqualTo(2); // the failing step after it
        engine.runCalls(); // the retry

        var creates = STUB.requests("POST", "/paypal/v2/checkout/orders");
        assertThat(creates).hasSize(2).extracting(r -> r.header("PayPal-Request-Id"))
                .containsOnly(instance + ":pay:0");
        assertThat(ordersByRequestId).hasSize(1);
        // the token is fetched once and cached (here possibly already by an earlier test of this class)
        assertThat(STUB.requests("POST", "/paypal/v1/oauth2/token").size()).isLessThanOrEqualTo(1);
    }

    @Test
    void eachPassOfALoopIsANewPayment() {
        deploy("pay-twice", """
                <bpmn:startEvent id="start"/>
                %s
                <bpmn:exclusiveGateway id="again" default="to-end"/>
                <bpmn:serviceTask id="mark" camunda:expression="${execution.setVariable('secondPass', true)}"/>
                %s %s %s %s
                <bpmn:sequenceFlow id="to-mark" sourceRef="again" targetRef="mark">
                  <bpmn:conditionExpression>${execution.getVariable('secondPass') == null}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="to-end" sourceRef="again" targetRef="end"/>
                """.formatted(step("pay", "paypal", "amount", "5"), end("end"), flow("start", "pay"), flow("pay", "again"),
                flow("mark", "pay")));
        String phone = newPhone();
        String instance = start("pay-twice", phone, contact(phone, "Mario", null));

        engine.runJob(instance);
        engine.runJob(instance);

        assertThat(passed(instance, "end")).isTrue();
        assertThat(STUB.requests("POST", "/paypal/v2/checkout/orders")).extracting(r -> r.header("PayPal-Request-Id"))
                .containsExactly(instance + ":pay:0", instance + ":pay:1");
    }

    @Test
    void aRefusedPaymentTakesTheIntegrationFailedPathWithPayPalsReason() {
        deploy("pay-refused", """
                <bpmn:startEvent id="start"/>
                %s %s %s %s %s %s %s
                """.formatted(step("pay", "paypal", "amount", "999"), onFailure("failed", "pay"), end("paid"),
                waitADay("tell-operator"), flow("start", "pay"), flow("pay", "paid"), flow("failed", "tell-operator")));
        String phone = newPhone();
        String instance = start("pay-refused", phone, contact(phone, "Mario", null));

        engine.runJob(instance);

        assertThat(passed(instance, "tell-operator")).isTrue();
        assertThat((String) runtime.getVariable(instance, "integrationError")).isEqualTo("PayPal refused the request (HTTP 422): "
                + "UNPROCESSABLE_ENTITY: The requested action could not be performed. [PAYEE_ACCOUNT_RESTRICTED: The merchant "
                + "account is restricted.] (debug_id ab12cd34ef)");
    }

    @Test
    void anOutageIsRetriedUntilItBecomesAnIncident() {
        STUB.on("POST", "/emailchef/apps/api/v1/contacts", Reply.text(503, "Service Unavailable"));
        deploy("ec-down", """
                <bpmn:startEvent id="start"/>
                %s %s %s %s %s %s
                """.formatted(step("ec", "emailchef", "list", "98765"), onFailure("failed", "ec"), end("added"), end("not-added"),
                flow("start", "ec") + flow("ec", "added"), flow("failed", "not-added")));
        String phone = newPhone();
        String instance = start("ec-down", phone, contact(phone, "Mario", "mario@example.com"));

        engine.runJob(instance);
        for (int retry = 0; retry < 2; retry++) {
            // Emailchef is down: the call fails and the worker counts down its retries
            assertThat(engine.call(instance).getErrorMessage()).contains("Emailchef is unavailable (HTTP 503)");
            engine.runCalls();
        }
        assertThat(engine.runCalls()).isZero(); // no retries left

        assertThat(STUB.requests("POST", "/emailchef/apps/api/v1/contacts")).hasSize(3);
        var incidents = runtime.createIncidentQuery().processInstanceId(instance).list();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).getIncidentMessage()).contains("Emailchef is unavailable (HTTP 503)");
        assertThat(passed(instance, "not-added")).isFalse();
    }

    private static StubServer startStub() {
        try {
            return new StubServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
