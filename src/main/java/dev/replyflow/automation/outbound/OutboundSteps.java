package dev.replyflow.automation.outbound;

import static dev.replyflow.automation.StepParameter.optional;
import static dev.replyflow.automation.StepParameter.required;

import java.util.List;

import dev.replyflow.automation.Step;
import dev.replyflow.automation.StepParameter;
import dev.replyflow.automation.StepParameter.Type;

/** The catalogue entries of the steps that call other systems over HTTP: Send Webhook, Zapier and Make. */
public final class OutboundSteps {

    /** The BPMN error of every refused or failed call that retrying would not fix. */
    public static final String WEBHOOK_FAILED = "webhook-failed";

    /** The delegate beans, named by the catalogue and by the steps. */
    public static final String SEND_WEBHOOK_BEAN = "sendWebhook";
    public static final String ZAPIER_BEAN = "zapier";
    public static final String MAKE_BEAN = "make";
    private static final String SERVICE_TASK = "bpmn:ServiceTask";
    private static final String EXAMPLE_TAIL = ", variables=\"replyText\\norderId\", responseMapping=\"crmId=/id\"";

    public static final Step SEND_WEBHOOK = new Step("send-webhook", "Send Webhook", "POSTs the contact and the chosen "
            + "variables as JSON (signed, with a delivery id that a retry keeps) to a URL; a 2xx answer may fill "
            + "variables. A 3xx or 4xx answer or an internal address takes the webhook-failed path; a 5xx answer or a "
            + "timeout is retried, then becomes an incident.", SERVICE_TASK, SEND_WEBHOOK_BEAN, true,
            parameters("The receiver's http(s) URL; internal addresses only when allow-listed"), List.of(WEBHOOK_FAILED),
            "url=https://crm.example.com/hooks/replyflow" + EXAMPLE_TAIL);

    public static final Step ZAPIER = new Step("zapier", "Zapier", "Triggers a Zap: Send Webhook to the Zap's Catch "
            + "Hook, https://hooks.zapier.com/… only.", SERVICE_TASK, ZAPIER_BEAN, true,
            parameters("The Zap's Catch Hook URL: https://hooks.zapier.com/…"), List.of(WEBHOOK_FAILED),
            "url=https://hooks.zapier.com/hooks/catch/123456/abcdef/" + EXAMPLE_TAIL);

    public static final Step MAKE = new Step("make", "Send Webhook to Make", "Triggers a Make scenario: Send Webhook to "
            + "the scenario's webhook, https on a host ending in .make.com only.", SERVICE_TASK, MAKE_BEAN, true,
            parameters("The scenario's webhook URL, like https://hook.eu1.make.com/…"), List.of(WEBHOOK_FAILED),
            "url=https://hook.eu1.make.com/abc123xyz" + EXAMPLE_TAIL);

    public static final List<Step> STEPS = List.of(SEND_WEBHOOK, ZAPIER, MAKE);

    private OutboundSteps() {
    }

    private static List<StepParameter> parameters(String urlDescription) {
        return List.of(required("url", "URL", Type.URL, urlDescription),
                optional("variables", "Variables to send", Type.LINES, "Names of process variables, one per line; "
                        + "sent under \"variables\" (null when not set)"),
                optional("responseMapping", "Response mapping", Type.LINES, "Lines variableName=/json/pointer copying "
                        + "values of the JSON answer into process variables; a missing value sets nothing"));
    }
}
