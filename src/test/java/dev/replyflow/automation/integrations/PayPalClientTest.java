package dev.replyflow.automation.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.support.MutableClock;
import dev.replyflow.support.StubHttpServer.Reply;

/** The PayPal calls, against a local stub: the OAuth2 token and its cache, the order, idempotency, errors. */
class PayPalClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PayPalAmount AMOUNT = PayPalAmount.parse("12.5", "EUR");

    private final StubServer stub;
    private final MutableClock clock = new MutableClock();
    private final AtomicInteger tokens = new AtomicInteger();

    PayPalClientTest() throws IOException {
        stub = new StubServer();
        stub.on("POST", "/pp/v1/oauth2/token", request -> Reply.json(200, """
                {"scope":"https://uri.paypal.com/services/payments/payment","access_token":"A21AA-token-%d",
                 "token_type":"Bearer","app_id":"APP-80W284485P519543T","expires_in":32400,"nonce":"2026-03-01T10:00:00Zabc"}"""
                .formatted(tokens.incrementAndGet())));
        stub.on("POST", "/pp/v2/checkout/orders", Reply.json(201, order("5O190127TN364715T", "approve")));
    }

    @AfterEach
    void close() {
        stub.close();
    }

    static String order(String id, String rel) {
        return """
                {"id":"%1$s","status":"CREATED","links":[
                  {"href":"https://api.sandbox.paypal.com/v2/checkout/orders/%1$s","rel":"self","method":"GET"},
                  {"href":"https://www.sandbox.paypal.com/checkoutnow?token=%1$s","rel":"%2$s","method":"GET"},
                  {"href":"https://api.sandbox.paypal.com/v2/checkout/orders/%1$s/capture","rel":"capture","method":"POST"}]}"""
                .formatted(id, rel);
    }

    private PayPalClient client(String clientId) {
        var properties = new IntegrationProperties(Duration.ofSeconds(2), Duration.ofSeconds(2), null, null,
                new IntegrationProperties.PayPal(stub.url("/pp"), clientId, "pp-client-secret"));
        return new PayPalClient(properties, new IntegrationHttp(properties), clock);
    }

    private PayPalClient client() {
        return client("pp-client-id");
    }

    @Test
    void createsAnOrderWithTheStepsKeyAsIdempotencyKey() throws Exception {
        PayPalClient.Order order = client().createOrder("pi-1:pay:0", AMOUNT, "Order A-77");

        assertThat(order).isEqualTo(new PayPalClient.Order("5O190127TN364715T",
                "https://www.sandbox.paypal.com/checkoutnow?token=5O190127TN364715T"));
        var token = stub.only("POST", "/pp/v1/oauth2/token");
        assertThat(token.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("pp-client-id:pp-client-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(token.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(token.body()).isEqualTo("grant_type=client_credentials");
        var create = stub.only("POST", "/pp/v2/checkout/orders");
        assertThat(create.header("Authorization")).isEqualTo("Bearer A21AA-token-1");
        assertThat(create.header("PayPal-Request-Id")).isEqualTo("pi-1:pay:0");
        assertThat(create.header("Content-Type")).isEqualTo("application/json");
        assertThat(create.json()).isEqualTo(JSON.readTree("""
                {"intent":"CAPTURE","purchase_units":[{"reference_id":"pi-1:pay:0","description":"Order A-77",
                 "amount":{"currency_code":"EUR","value":"12.50"}}]}"""));
    }

    @Test
    void theTokenIsReusedUntilShortlyBeforeItExpires() {
        PayPalClient client = client();
        client.createOrder("pi-1:pay:0", AMOUNT, null);
        client.createOrder("pi-2:pay:0", AMOUNT, null);
        clock.advance(Duration.ofSeconds(32400).minus(Duration.ofMinutes(5)).minusSeconds(1));
        client.createOrder("pi-3:pay:0", AMOUNT, null);
        assertThat(stub.requests("POST", "/pp/v1/oauth2/token")).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        client.createOrder("pi-4:pay:0", AMOUNT, null);

        assertThat(stub.requests("POST", "/pp/v1/oauth2/token")).hasSize(2);
        assertThat(stub.requests("POST", "/pp/v2/checkout/orders")).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer A21AA-token-1", "Bearer A21AA-token-1", "Bearer A21AA-token-1", "Bearer A21AA-token-2");
    }

    @Test
    void aTokenPayPalNoLongerAcceptsIsReplacedOnceWithTheSameRequestId() {
        AtomicInteger attempts = new AtomicInteger();
        stub.on("POST", "/pp/v2/checkout/orders", request -> attempts.incrementAndGet() == 1
                ? Reply.json(401, "{\"error\":\"invalid_token\",\"error_description\":\"Token signature verification failed\"}")
                : Reply.json(200, order("5O190127TN364715T", "approve")));

        assertThat(client().createOrder("pi-1:pay:0", AMOUNT, null).id()).isEqualTo("5O190127TN364715T");

        assertThat(stub.requests("POST", "/pp/v2/checkout/orders")).extracting(r -> r.header("PayPal-Request-Id"))
                .containsExactly("pi-1:pay:0", "pi-1:pay:0");
        assertThat(stub.requests("POST", "/pp/v2/checkout/orders")).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer A21AA-token-1", "Bearer A21AA-token-2");
    }

    @Test
    void thePayerActionLinkServesWhenThereIsNoApproveLink() {
        stub.on("POST", "/pp/v2/checkout/orders", Reply.json(200, order("7XK12345AB678901C", "payer-action")));

        assertThat(client().createOrder("pi-1:pay:0", AMOUNT, null).approveUrl())
                .isEqualTo("https://www.sandbox.paypal.com/checkoutnow?token=7XK12345AB678901C");
    }

    @Test
    void wrongCredentialsAreRefused() {
        stub.on("POST", "/pp/v1/oauth2/token", Reply.json(401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication failed\"}"));

        assertThatThrownBy(() -> client().createOrder("pi-1:pay:0", AMOUNT, null)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("PayPal refused the request (HTTP 401): invalid_client: Client Authentication failed")
                .hasMessageNotContaining("pp-client-secret");
        assertThat(stub.requests("POST", "/pp/v2/checkout/orders")).isEmpty();
    }

    @Test
    void anOrderPayPalCannotProcessIsRefusedWithItsIssue() {
        stub.on("POST", "/pp/v2/checkout/orders", Reply.json(422, """
                {"name":"UNPROCESSABLE_ENTITY","details":[{"field":"/purchase_units/@reference_id=='pi-1:pay:0'/amount/currency_code",
                  "value":"XTS","location":"body","issue":"CURRENCY_NOT_SUPPORTED",
                  "description":"Currency code is not currently supported."}],
                 "message":"The requested action could not be performed, semantically incorrect, or failed business validation.",
                 "debug_id":"f8e2b1c3a9d47","links":[{"href":"https://developer.paypal.com/api/rest/reference/orders/v2/errors/#CURRENCY_NOT_SUPPORTED","rel":"information_link","method":"GET"}]}"""));

        assertThatThrownBy(() -> client().createOrder("pi-1:pay:0", PayPalAmount.parse("10", "XTS"), null))
                .isInstanceOf(IntegrationRejectedException.class)
                .hasMessageStartingWith("PayPal refused the request (HTTP 422): UNPROCESSABLE_ENTITY: The requested action")
                .hasMessageContaining("[CURRENCY_NOT_SUPPORTED at /purchase_units/@reference_id=='pi-1:pay:0'/amount/currency_code: "
                        + "Currency code is not currently supported.]")
                .hasMessageEndingWith("(debug_id f8e2b1c3a9d47)");
    }

    @Test
    void anOutageIsWorthARetry() {
        stub.on("POST", "/pp/v2/checkout/orders", Reply.json(500, """
                {"name":"INTERNAL_SERVER_ERROR","message":"An internal server error occurred.","debug_id":"90957fca61718"}"""));

        assertThatThrownBy(() -> client().createOrder("pi-1:pay:0", AMOUNT, null)).isInstanceOf(IntegrationUnavailableException.class)
                .hasMessage("PayPal is unavailable (HTTP 500): INTERNAL_SERVER_ERROR: An internal server error occurred. "
                        + "(debug_id 90957fca61718)");
    }

    @Test
    void aKeyLongerThanPayPalAcceptsBecomesAStableDigest() {
        String key = "8f1c2d3e-1111-2222-3333-444455556666:" + "a-very-long-activity-id".repeat(5) + ":0";

        client().createOrder(key, AMOUNT, null);
        client().createOrder(key, AMOUNT, null);

        assertThat(stub.requests("POST", "/pp/v2/checkout/orders")).extracting(r -> r.header("PayPal-Request-Id"))
                .containsExactly(PayPalClient.requestId(key), PayPalClient.requestId(key));
        assertThat(PayPalClient.requestId(key)).hasSize(64).isNotEqualTo(PayPalClient.requestId(key + "1"));
    }

    @Test
    void withoutCredentialsNothingIsSentAndTheMissingKeyIsNamed() {
        assertThatThrownBy(() -> client(null).createOrder("pi-1:pay:0", AMOUNT, null)).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("PayPal is not configured: set replyflow.integrations.paypal.client-id");
        assertThat(stub.requests()).isEmpty();
    }
}
