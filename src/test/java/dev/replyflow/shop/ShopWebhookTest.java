package dev.replyflow.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.support.Api;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Background;
import dev.replyflow.support.TestBpmn;

/**
 * Shopify's and WooCommerce's webhooks start the shop:<event> automations for the customer, once per delivery: the
 * delivery is stored with the start as its hand-off job, which the helpers run as the job executor would.
 */
class ShopWebhookTest extends ApiTest {

    private static final String SHOPIFY_SECRET = "shopify-test-secret";
    private static final String WOO_SECRET = "woocommerce-test-secret";
    private static final String[] EVENTS = { "order-created", "order-paid", "order-fulfilled", "cart-abandoned" };

    @Autowired
    ShopSecrets secrets;
    @Autowired
    ShopProperties properties;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ContactRepository contacts;
    @Autowired
    Background background;
    @Autowired
    HistoryService history;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;
    @Autowired
    org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engine;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        secrets.set(ShopSource.SHOPIFY, SHOPIFY_SECRET);
        secrets.set(ShopSource.WOOCOMMERCE, WOO_SECRET);
        var deployment = repository.createDeployment().name("shop-test").enableDuplicateFiltering(true);
        for (String event : EVENTS) {
            deployment.addString("shop-" + event + ".bpmn", process(event));
        }
        deployment.deploy();
    }

    @AfterEach
    void restoreSecrets() {
        secrets.set(ShopSource.SHOPIFY, properties.shopify().secret());
        secrets.set(ShopSource.WOOCOMMERCE, properties.woocommerce().secret());
    }

    /** An automation started by the signal shop:<event> that waits in a user task. */
    private static String process(String event) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
                  <bpmn:signal id="shop-signal" name="shop:%1$s"/>
                  <bpmn:process id="shop-test-%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="on-shop"><bpmn:signalEventDefinition signalRef="shop-signal"/></bpmn:startEvent>
                    <bpmn:userTask id="follow-up"/>
                    <bpmn:endEvent id="end"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="on-shop" targetRef="follow-up"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="follow-up" targetRef="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(event);
    }

    private long instances(String event, String phone) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("shop-test-" + event).processInstanceBusinessKey(phone)
                .count();
    }

    private Map<String, Object> variablesOf(String event, String phone) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey("shop-test-" + event)
                .processInstanceBusinessKey(phone).singleResult();
        return runtime.getVariables(instance.getId());
    }

    private long allShopInstances(String phone) {
        return Arrays.stream(EVENTS).mapToLong(event -> instances(event, phone)).sum();
    }

    /** A signed Shopify delivery, then its hand-off run (as the job executor would). */
    private Api.Response shopify(String topic, String deliveryId, String json) {
        Api.Response response = shopifyOnly(topic, deliveryId, json);
        background.settle();
        return response;
    }

    private Api.Response shopifyOnly(String topic, String deliveryId, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return anonymous().post("/webhooks/shop/shopify", "application/json", body, Map.of("X-Shopify-Topic", topic,
                "X-Shopify-Webhook-Id", deliveryId, "X-Shopify-Hmac-Sha256", ShopSignature.sign(body, SHOPIFY_SECRET)));
    }

    private Api.Response woocommerce(String topic, String deliveryId, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Api.Response response = anonymous().post("/webhooks/shop/woocommerce", "application/json", body, Map.of(
                "X-WC-Webhook-Topic", topic, "X-WC-Webhook-Delivery-ID", deliveryId, "X-WC-Webhook-Signature",
                ShopSignature.sign(body, WOO_SECRET)));
        background.settle();
        return response;
    }

    private static String shopifyOrder(long id, String phone) {
        return """
                {"id": %d, "name": "#%d", "order_number": %d, "total_price": "199.00", "currency": "EUR",
                 "order_status_url": "https://shop.example/orders/%d/authenticate?key=abc", "phone": null,
                 "customer": {"id": 7, "first_name": "Giulia", "last_name": "Rossi", "phone": "%s"},
                 "billing_address": {"phone": "not a phone"}}
                """.formatted(id, id, id, id, phone);
    }

    private static String wooOrder(long id, String status, String phone) {
        return """
                {"id": %d, "number": "%d", "status": "%s", "total": "29.90", "currency": "EUR",
                 "billing": {"first_name": "Marco", "last_name": "Bianchi", "phone": "%s", "email": "marco@example.com"}}
                """.formatted(id, id, status, phone);
    }

    private static long orderId() {
        return 820_982_911_946_154_508L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);
    }

    @Test
    void aShopifyOrderUpsertsTheCustomerAndStartsTheOrderCreatedAutomation() {
        String phone = newPhone();
        long id = orderId();

        var response = shopify("orders/create", UUID.randomUUID().toString(), shopifyOrder(id, phone));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("outcome").asText()).isEqualTo("accepted");
        assertThat(response.json().path("event").asText()).isEqualTo("order-created");
        var contact = contacts.findByPhone(phone).orElseThrow();
        assertThat(response.json().path("contactId").asLong()).isEqualTo(contact.getId());
        assertThat(contact.getName()).isEqualTo("Giulia Rossi");
        assertThat(instances("order-created", phone)).isEqualTo(1);
        Map<String, Object> variables = variablesOf("order-created", phone);
        assertThat(variables).containsEntry("orderId", String.valueOf(id)).containsEntry("orderNumber", "#" + id)
                .containsEntry("orderTotal", "199.00").containsEntry("currency", "EUR").containsEntry("shopSource", "shopify")
                .containsEntry("orderStatusUrl", "https://shop.example/orders/" + id + "/authenticate?key=abc")
                .containsEntry("contactId", contact.getId()).containsEntry("contactPhone", phone);

        assertThat(shopify("orders/paid", UUID.randomUUID().toString(), shopifyOrder(id, phone)).status()).isEqualTo(200);
        assertThat(shopify("orders/fulfilled", UUID.randomUUID().toString(), shopifyOrder(id, phone)).status()).isEqualTo(200);
        assertThat(instances("order-paid", phone)).isEqualTo(1);
        assertThat(instances("order-fulfilled", phone)).isEqualTo(1);
        assertThat(contacts.findByPhone(phone)).get().extracting(c -> c.getId()).isEqualTo(contact.getId());
    }

    @Test
    void aRepeatedDeliveryOrTheSameEventAgainStartsNothingMore() {
        String phone = newPhone();
        long id = orderId();
        String delivery = UUID.randomUUID().toString();
        assertThat(shopify("orders/create", delivery, shopifyOrder(id, phone)).json().path("outcome").asText()).isEqualTo("accepted");

        var again = shopify("orders/create", delivery, shopifyOrder(id, phone));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("outcome").asText()).isEqualTo("duplicate");
        // a new delivery of an event this order already had
        assertThat(shopify("orders/create", UUID.randomUUID().toString(), shopifyOrder(id, phone)).json().path("outcome").asText())
                .isEqualTo("duplicate");
        assertThat(instances("order-created", phone)).isEqualTo(1);

        String wooPhone = newPhone();
        long wooId = orderId();
        String wooDelivery = UUID.randomUUID().toString();
        woocommerce("order.updated", wooDelivery, wooOrder(wooId, "processing", wooPhone));
        woocommerce("order.updated", wooDelivery, wooOrder(wooId, "processing", wooPhone));
        woocommerce("order.updated", UUID.randomUUID().toString(), wooOrder(wooId, "processing", wooPhone));
        assertThat(instances("order-paid", wooPhone)).isEqualTo(1);
    }

    @Test
    void aShopifyCheckoutWithoutCompletedAtIsAnAbandonedCart() {
        String phone = newPhone();
        String checkout = """
                {"id": 981234, "token": "%s", "total_price": "54.50", "currency": "EUR", "completed_at": null,
                 "abandoned_checkout_url": "https://shop.example/checkouts/recover?key=xyz",
                 "billing_address": {"first_name": "Anna", "last_name": "Verdi", "phone": "%s"}}
                """.formatted(UUID.randomUUID(), phone);

        assertThat(shopify("checkouts/update", UUID.randomUUID().toString(), checkout).status()).isEqualTo(200);

        assertThat(instances("cart-abandoned", phone)).isEqualTo(1);
        assertThat(variablesOf("cart-abandoned", phone)).containsEntry("checkoutUrl", "https://shop.example/checkouts/recover?key=xyz")
                .containsEntry("orderId", "981234").containsEntry("orderTotal", "54.50").containsEntry("currency", "EUR")
                .containsEntry("shopSource", "shopify").containsEntry("orderNumber", null);
        assertThat(contacts.findByPhone(phone).orElseThrow().getName()).isEqualTo("Anna Verdi");
        // the same checkout updated again is still the one abandoned cart
        assertThat(shopify("checkouts/update", UUID.randomUUID().toString(), checkout).json().path("outcome").asText())
                .isEqualTo("duplicate");

        String buyer = newPhone();
        var completed = shopify("checkouts/update", UUID.randomUUID().toString(), """
                {"id": 981235, "token": "%s", "completed_at": "2025-05-01T10:00:00+02:00", "phone": "%s"}
                """.formatted(UUID.randomUUID(), buyer));
        assertThat(completed.json().path("outcome").asText()).isEqualTo("ignored");
        assertThat(allShopInstances(buyer)).isZero();
    }

    @Test
    void aWooCommerceOrderStartsItsAutomationsWithTheBillingPhone() {
        String phone = newPhone();
        long id = orderId();
        String national = phone.substring(3); // without +39: read in the default region

        var created = woocommerce("order.created", UUID.randomUUID().toString(), wooOrder(id, "pending", national));

        assertThat(created.status()).isEqualTo(200);
        assertThat(instances("order-created", phone)).isEqualTo(1);
        assertThat(variablesOf("order-created", phone)).containsEntry("orderId", String.valueOf(id))
                .containsEntry("orderNumber", String.valueOf(id)).containsEntry("orderTotal", "29.90")
                .containsEntry("currency", "EUR").containsEntry("shopSource", "woocommerce");
        assertThat(contacts.findByPhone(phone).orElseThrow().getName()).isEqualTo("Marco Bianchi");

        woocommerce("order.updated", UUID.randomUUID().toString(), wooOrder(id, "on-hold", national));
        assertThat(allShopInstances(phone)).isEqualTo(1); // on-hold: neither paid nor fulfilled
        woocommerce("order.updated", UUID.randomUUID().toString(), wooOrder(id, "processing", national));
        woocommerce("order.updated", UUID.randomUUID().toString(), wooOrder(id, "completed", national));
        assertThat(instances("order-paid", phone)).isEqualTo(1);
        assertThat(instances("order-fulfilled", phone)).isEqualTo(1);
    }

    @Test
    void aWooCommerceAbandonedCartNeedsBillingData() {
        String phone = newPhone();
        var cart = woocommerce("action.cart_abandoned", UUID.randomUUID().toString(), """
                {"action": "cart_abandoned", "arg": {"id": 55, "total": "12.00", "currency": "EUR",
                 "checkout_url": "https://woo.example/checkout/?recover=55",
                 "billing": {"first_name": "Luca", "phone": "%s"}}}
                """.formatted(phone));
        assertThat(cart.json().path("outcome").asText()).isEqualTo("accepted");
        assertThat(variablesOf("cart-abandoned", phone)).containsEntry("checkoutUrl", "https://woo.example/checkout/?recover=55")
                .containsEntry("orderId", "55").containsEntry("orderTotal", "12.00");

        var noBilling = woocommerce("cart.abandoned", UUID.randomUUID().toString(), "{\"id\": 56, \"phone\": \"" + newPhone() + "\"}");
        assertThat(noBilling.status()).isEqualTo(200);
        assertThat(noBilling.json().path("outcome").asText()).isEqualTo("ignored");
    }

    @Test
    void withoutAValidPhoneOrForAnotherTopicTheDeliveryIsIgnored() {
        long before = contacts.count();
        var noPhone = shopify("orders/create", UUID.randomUUID().toString(), """
                {"id": 1, "name": "#1", "total_price": "5.00", "currency": "EUR", "customer": {"first_name": "Nobody"}}
                """);
        assertThat(noPhone.status()).isEqualTo(200);
        assertThat(noPhone.json().path("outcome").asText()).isEqualTo("ignored");
        var badPhone = woocommerce("order.created", UUID.randomUUID().toString(), wooOrder(2, "pending", "12"));
        assertThat(badPhone.json().path("outcome").asText()).isEqualTo("ignored");
        var otherTopic = shopify("products/update", UUID.randomUUID().toString(), "{\"id\": 3, \"phone\": \"" + newPhone() + "\"}");
        assertThat(otherTopic.status()).isEqualTo(200);
        assertThat(otherTopic.json().path("outcome").asText()).isEqualTo("ignored");
        assertThat(contacts.count()).isEqualTo(before);
    }

    @Test
    void unsignedWronglySignedOrUnconfiguredDeliveriesAreRefusedAndChangeNothing() {
        background.settle(); // earlier deliveries' hand-offs done: what is stored now stays as it is
        long stored = background.storedDeliveries();
        String phone = newPhone();
        byte[] body = shopifyOrder(orderId(), phone).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Webhook-Id", "d-1"));

        var missing = anonymous().post("/webhooks/shop/shopify", "application/json", body, headers);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().path("field").asText()).isEqualTo("X-Shopify-Hmac-Sha256");

        headers.put("X-Shopify-Hmac-Sha256", ShopSignature.sign(body, "another-secret"));
        assertThat(anonymous().post("/webhooks/shop/shopify", "application/json", body, headers).status()).isEqualTo(401);
        headers.put("X-Shopify-Hmac-Sha256", ShopSignature.sign(body, WOO_SECRET)); // the other shop's secret
        assertThat(anonymous().post("/webhooks/shop/shopify", "application/json", body, headers).status()).isEqualTo(401);

        headers.put("X-Shopify-Hmac-Sha256", ShopSignature.sign(body, SHOPIFY_SECRET));
        secrets.set(ShopSource.SHOPIFY, null);
        assertThat(anonymous().post("/webhooks/shop/shopify", "application/json", body, headers).status()).isEqualTo(401);
        secrets.set(ShopSource.SHOPIFY, "");
        assertThat(anonymous().post("/webhooks/shop/shopify", "application/json", body, headers).status()).isEqualTo(401);

        byte[] wooBody = wooOrder(orderId(), "pending", phone).getBytes(StandardCharsets.UTF_8);
        var wooWrong = anonymous().post("/webhooks/shop/woocommerce", "application/json", wooBody, Map.of("X-WC-Webhook-Topic",
                "order.created", "X-WC-Webhook-Signature", ShopSignature.sign(wooBody, SHOPIFY_SECRET)));
        assertThat(wooWrong.status()).isEqualTo(401);

        assertThat(contacts.findByPhone(phone)).isEmpty();
        assertThat(allShopInstances(phone)).isZero();
        assertThat(background.storedDeliveries()).isEqualTo(stored);

        // with the secret configured again, the very same delivery is handled: the refusals stored nothing
        secrets.set(ShopSource.SHOPIFY, SHOPIFY_SECRET);
        assertThat(anonymous().post("/webhooks/shop/shopify", "application/json", body, headers).status()).isEqualTo(200);
        background.settle();
        assertThat(instances("order-created", phone)).isEqualTo(1);
    }

    @Test
    void oversizedMalformedAndUnknownDeliveriesAreRefused() {
        background.settle(); // earlier deliveries' hand-offs done: what is stored now stays as it is
        long stored = background.storedDeliveries();
        byte[] huge = new byte[ShopWebhook.MAX_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        assertThat(anonymous().post("/webhooks/shop/shopify", "application/json", huge, Map.of("X-Shopify-Topic", "orders/create",
                "X-Shopify-Hmac-Sha256", ShopSignature.sign(huge, SHOPIFY_SECRET))).status()).isEqualTo(413);

        byte[] malformed = "{\"id\": 1, ".getBytes(StandardCharsets.UTF_8);
        var bad = anonymous().post("/webhooks/shop/woocommerce", "application/json", malformed, Map.of("X-WC-Webhook-Topic",
                "order.created", "X-WC-Webhook-Signature", ShopSignature.sign(malformed, WOO_SECRET)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().path("field").asText()).isEqualTo("body");
        // malformed but unsigned: the signature is checked first
        assertThat(anonymous().post("/webhooks/shop/woocommerce", "application/json", malformed, Map.of()).status()).isEqualTo(401);

        byte[] array = "[1, 2]".getBytes(StandardCharsets.UTF_8);
        assertThat(anonymous().post("/webhooks/shop/shopify", "application/json", array, Map.of("X-Shopify-Topic", "orders/create",
                "X-Shopify-Hmac-Sha256", ShopSignature.sign(array, SHOPIFY_SECRET))).status()).isEqualTo(400);

        var unknown = anonymous().post("/webhooks/shop/magento", "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        // a real order without its topic header is malformed too
        byte[] order = sampleOrder(orderId(), newPhone()).getBytes(StandardCharsets.UTF_8);
        var noTopic = anonymous().post("/webhooks/shop/shopify", "application/json", order, Map.of("X-Shopify-Webhook-Id",
                UUID.randomUUID().toString(), "X-Shopify-Hmac-Sha256", ShopSignature.sign(order, SHOPIFY_SECRET)));
        assertThat(noTopic.status()).isEqualTo(400);
        assertThat(noTopic.contentType()).startsWith("application/problem+json");
        assertThat(noTopic.json().path("field").asText()).isEqualTo("X-Shopify-Topic");
        assertThat(background.storedDeliveries()).isEqualTo(stored);
    }

    @Test
    void wooCommercesUnsignedPingIsAcknowledged() {
        var ping = anonymous().post("/webhooks/shop/woocommerce", "application/x-www-form-urlencoded",
                "webhook_id=42".getBytes(StandardCharsets.US_ASCII), Map.of());
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.json().path("outcome").asText()).isEqualTo("ignored");
    }

    @Test
    void theConfigurationHidesItsSecrets() {
        var configured = new ShopProperties(new ShopProperties.Shop("s3cr3t-shopify"), new ShopProperties.Shop("s3cr3t-woo"));
        assertThat(configured.toString()).doesNotContain("s3cr3t").contains("<hidden>");
        assertThat(new ShopProperties(null, null).toString()).contains("<not set>");
        assertThat(secrets.toString()).doesNotContain(SHOPIFY_SECRET);
    }

    private static String realworld(String file) {
        try (var in = ShopWebhookTest.class.getResourceAsStream("/realworld/shop/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Shopify's sample order ships to the US: its national number is a US one, never read as Italian. */
    @Test
    void aUsShopifyOrdersNationalNumberIsAUsNumber() {
        long id = orderId();
        String order = realworld("shopify-orders_create.json").replace("820982911946154508", String.valueOf(id));
        String unplaceable = "+1" + "5555557447";

        var ignored = shopify("orders/create", UUID.randomUUID().toString(), order);
        // 555-555-SHIP is no valid US number: not messaged, and the answer says why
        assertThat(ignored.json().path("outcome").asText()).isEqualTo("ignored");
        assertThat(ignored.json().path("reason").asText()).contains("555-555-SHIP", "US");
        assertThat(contacts.findByPhone(unplaceable)).isEmpty();

        var started = shopify("orders/create", UUID.randomUUID().toString(), order.replace("555-555-SHIP", "(201) 555-0123"));
        assertThat(started.json().path("outcome").asText()).as(started.body()).isEqualTo("accepted");
        assertThat(instances("order-created", "+12015550123")).isEqualTo(1);
    }

    @Test
    void aUsWooCommerceOrdersNationalNumberIsAUsNumber() {
        long id = orderId();
        String order = realworld("woocommerce-order-create_wc-v3.json").replace("\"id\": 727", "\"id\": " + id);

        var ignored = woocommerce("order.created", UUID.randomUUID().toString(), order);
        assertThat(ignored.json().path("outcome").asText()).isEqualTo("ignored");
        assertThat(ignored.json().path("reason").asText()).contains("(555) 555-5555", "US");

        var started = woocommerce("order.created", UUID.randomUUID().toString(), order.replace("(555) 555-5555", "(212) 555-0199"));
        assertThat(started.json().path("outcome").asText()).as(started.body()).isEqualTo("accepted");
        assertThat(contacts.findByPhone("+12125550199")).get().extracting(c -> c.getName()).isEqualTo("John Doe");
        assertThat(contacts.findByPhone("+392125550199")).isEmpty();
    }

    /** Shopify's sample order as a new order of a new customer (its phone, written once for billing and shipping). */
    private static String sampleOrder(long id, String phone) {
        return realworld("shopify-orders_create.json").replace("820982911946154508", String.valueOf(id))
                .replace("555-555-SHIP", phone);
    }

    @Test
    void theSameDeliveryFourTimesAtOnceIsStoredOnceAndStartsItsAutomationOnce() throws Exception {
        String phone = newPhone();
        String order = sampleOrder(orderId(), phone);
        String delivery = UUID.randomUUID().toString();
        ExecutorService shop = Executors.newFixedThreadPool(4);
        List<Callable<Api.Response>> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(() -> shopifyOnly("orders/paid", delivery, order));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<Api.Response> answer : shop.invokeAll(deliveries)) {
            assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
            outcomes.add(answer.get().json().path("outcome").asText());
        }
        shop.shutdown();

        assertThat(outcomes).containsExactlyInAnyOrder("accepted", "duplicate", "duplicate", "duplicate");
        long contact = contacts.findByPhone(phone).orElseThrow().getId();
        assertThat(background.pendingHandOffsOf(contact)).isEqualTo(1);
        assertThat(background.runHandOffsOf(contact)).isTrue();
        assertThat(instances("order-paid", phone)).isEqualTo(1);
        // delivered again after its automation started: nothing more
        assertThat(shopify("orders/paid", delivery, order).json().path("outcome").asText()).isEqualTo("duplicate");
        assertThat(instances("order-paid", phone)).isEqualTo(1);
    }

    /** Starts on shop:order-paid and fails while the contact has no field "city". */
    private String deployNeedsCity() {
        String body = "<bpmn:startEvent id=\"on-paid\"><bpmn:signalEventDefinition signalRef=\"paid\"/></bpmn:startEvent>"
                + "<bpmn:serviceTask id=\"needs-city\" camunda:expression=\"${contact.field('city').length()}\"/>"
                + "<bpmn:endEvent id=\"done\"/>" + TestBpmn.flow("on-paid", "needs-city") + TestBpmn.flow("needs-city", "done");
        return repository.createDeployment().name("shop-needs-city").addString("shop-needs-city.bpmn",
                TestBpmn.process("shop-needs-city", body).replace("<bpmn:message id=\"reply\" name=\"customer-reply\"/>",
                        "<bpmn:signal id=\"paid\" name=\"shop:order-paid\"/>")).deploy().getId();
    }

    @Test
    void anOrderWhoseAutomationsFailToStartIsKeptAndStartsThemOnceTheFailureClears() {
        String phone = newPhone();
        long id = orderId();
        String delivery = UUID.randomUUID().toString();
        String deployment = deployNeedsCity();
        String testCycle = engine.getFailedJobRetryTimeCycle();
        long contact = 0;
        try {
            var response = shopifyOnly("orders/paid", delivery, sampleOrder(id, phone));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("outcome").asText()).isEqualTo("accepted");
            contact = response.json().path("contactId").asLong();

            engine.setFailedJobRetryTimeCycle("PT10M,PT1H"); // production-like waits (the tests' cycle retries at once)
            assertThat(background.runHandOffsOf(contact)).isFalse();
            engine.setFailedJobRetryTimeCycle(testCycle);
            // rolled back whole: not even the automation that could start did
            assertThat(instances("order-paid", phone)).isZero();
            // and tried again later, as a step's job would be: after the cycle's first wait, with its two retries left
            var job = management.createJobQuery().jobId(jdbc.queryForObject("select ID_ from ACT_RU_JOB where HANDLER_CFG_ = ("
                    + "select cast(id as varchar(20)) from webhook_delivery where contact_id = ?)", String.class, contact)).singleResult();
            assertThat(job.getRetries()).isEqualTo(2);
            assertThat(job.getDuedate()).isAfter(java.util.Date.from(java.time.Instant.now().plusSeconds(5 * 60)));
            var pending = admin().get("/api/inbound/deliveries").json();
            long failing = contact;
            var entry = java.util.stream.StreamSupport.stream(pending.spliterator(), false)
                    .filter(p -> p.path("contactId").asLong() == failing).findFirst().orElseThrow();
            assertThat(entry.path("source").asText()).isEqualTo("shopify");
            assertThat(entry.path("error").asText()).isNotBlank();
            assertThat(entry.path("jobId").asText()).isNotBlank();
            // Shopify delivers it again meanwhile: it is stored already
            assertThat(shopifyOnly("orders/paid", delivery, sampleOrder(id, phone)).json().path("outcome").asText())
                    .isEqualTo("duplicate");

            admin().post("/api/fields", "{\"name\":\"city\",\"type\":\"TEXT\"}");
            assertThat(admin().patch("/api/contacts/" + contact, "{\"fields\":{\"city\":\"Rome\"}}").status()).isEqualTo(200);
            assertThat(background.runHandOffsOf(contact)).isTrue();

            assertThat(instances("order-paid", phone)).isEqualTo(1);
            assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("shop-needs-city")
                    .processInstanceBusinessKey(phone).finished().count()).isEqualTo(1);
            assertThat(background.pendingHandOffsOf(contact)).isZero();
        } finally {
            engine.setFailedJobRetryTimeCycle(testCycle);
            if (contact != 0) {
                jdbc.update("delete from webhook_delivery where contact_id = ?", contact); // a failed run leaves nothing behind
            }
            repository.deleteDeployment(deployment, true);
        }
    }
}
