package dev.replyflow.automation.integrations;

import dev.replyflow.automation.steps.ContactStep;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * PayPal: creates a payment link for the amount. The link goes into {@code paymentUrl} (for the next Send
 * Message step) and the order id into {@code paypalOrderId}. Needs no contact: the payer is whoever opens the link.
 */
@Component(IntegrationSteps.PAYPAL_BEAN)
class PayPalStep implements JavaDelegate {

    static final String PAYMENT_URL_VARIABLE = "paymentUrl";
    static final String ORDER_ID_VARIABLE = "paypalOrderId";

    private final PayPalClient client;

    PayPalStep(PayPalClient client) {
        this.client = client;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            client.requireConfigured();
            PayPalAmount amount = PayPalAmount.parse(text(execution, "amount"), text(execution, "currency"));
            PayPalClient.Order order = client.createOrder(ContactStep.visitKey(execution), amount,
                    text(execution, "description"));
            execution.setVariable(PAYMENT_URL_VARIABLE, order.approveUrl());
            execution.setVariable(ORDER_ID_VARIABLE, order.id());
        } catch (IntegrationRejectedException e) {
            throw e.toBpmnError();
        }
    }

    private static String text(DelegateExecution execution, String parameter) {
        Object value = execution.getVariableLocal(parameter);
        return value == null ? null : value.toString();
    }
}
