package dev.replyflow.automation.outbound;

/** Hand-written BPMN for the webhook steps, as an analyst would write it against the contract. */
final class WebhookBpmn {

    private WebhookBpmn() {
    }

    static String process(String id, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
                  <bpmn:error id="webhook-failed" errorCode="webhook-failed"/>
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(id, body);
    }

    /** An asyncBefore service task step with input parameters given as name, value pairs. */
    static String step(String id, String delegate, String... parameters) {
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            inputs.append("<camunda:inputParameter name=\"").append(parameters[i]).append("\">").append(parameters[i + 1])
                    .append("</camunda:inputParameter>");
        }
        return "<bpmn:serviceTask id=\"" + id + "\" camunda:delegateExpression=\"${" + delegate + "}\" "
                + "camunda:asyncBefore=\"true\"><bpmn:extensionElements><camunda:inputOutput>" + inputs
                + "</camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>";
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
        return "<bpmn:sequenceFlow id=\"" + from + "-" + to + "\" sourceRef=\"" + from + "\" targetRef=\"" + to + "\"/>";
    }
}
