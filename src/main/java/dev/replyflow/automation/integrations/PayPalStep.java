package dev.replyflow.automation.integrations;

import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.calls.RemoteCallStep;
import dev.replyflow.automation.calls.StepInputs;

/**
 * PayPal: creates a payment link for the amount. The link goes into {@code paymentUrl} (for the next Send
 * Message step) and the order id into {@code paypalOrderId}. Needs no contact: the payer is whoever opens the link.
 */
@Component(IntegrationSteps.PAYPAL_BEAN)
class PayPalStep extends RemoteCallStep<PayPalStep.Payment> {

    static final String PAYMENT_URL_VARIABLE = "paymentUrl";
    static final String ORDER_ID_VARIABLE = "paypalOrderId";

    /** {@code key}: this execution of the step, PayPal's idempotency key (the same key, the same order). */
    record Payment(String key, PayPalAmount amount, String description) {
    }

    private final PayPalClient client;

    PayPalStep(PayPalClient client) {
        super(IntegrationSteps.PAYPAL);
        this.client = client;
    }

    @Override
    protected Payment prepare(StepInputs inputs) {
        client.requireConfigured();
        PayPalAmount amount = PayPalAmount.parse(inputs.text("amount"), inputs.text("currency"));
        return new Payment(inputs.visitKey(), amount, inputs.text("description"));
    }

    @Override
    protected Map<String, Object> call(Payment payment) {
        PayPalClient.Order order = client.createOrder(payment.key(), payment.amount(), payment.description());
        return Map.of(PAYMENT_URL_VARIABLE, order.approveUrl(), ORDER_ID_VARIABLE, order.id());
    }

    @Override
    protected BpmnError bpmnErrorFor(RuntimeException e) {
        return IntegrationRejectedException.bpmnErrorFor(e);
    }
}
