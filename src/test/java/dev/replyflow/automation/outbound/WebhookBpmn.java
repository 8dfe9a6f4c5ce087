package dev.replyflow.automation.outbound;

import dev.replyflow.support.TestBpmn;

/** Hand-written BPMN for the webhook steps, as an analyst would write it against the contract. */
final class WebhookBpmn {

    private WebhookBpmn() {
    }

    static String process(String id, String body) {
        return TestBpmn.process(id, body, "webhook-failed");
    }

    /** An asyncBefore service task step with input parameters given as name, value pairs. */
    static String step(String id, String delegate, String... parameters) {
        return TestBpmn.step(id, delegate, true, parameters);
    }

    /**
     * start → step → end "done", and the analyst's error path: a webhook-failed boundary event (its message in
     * the variable webhookError) → end "failed".
     */
    static String withErrorPath(String step, String stepId) {
        return "<bpmn:startEvent id=\"start\"/>" + step
                + "<bpmn:boundaryEvent id=\"webhook-error\" attachedToRef=\"" + stepId + "\">"
                + "<bpmn:errorEventDefinition errorRef=\"webhook-failed\" camunda:errorMessageVariable=\"webhookError\"/>"
                + "</bpmn:boundaryEvent>"
                + "<bpmn:endEvent id=\"done\"/><bpmn:endEvent id=\"failed\"/>"
                + flow("start", stepId) + flow(stepId, "done") + flow("webhook-error", "failed");
    }

    static String flow(String from, String to) {
        return TestBpmn.flow(from, to);
    }
}
