package dev.replyflow.automation.voice;

/** Hand-written BPMN for the Voice Call step, as an analyst would write it against the contract. */
final class VoiceBpmn {

    private VoiceBpmn() {
    }

    static String process(String id, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
                  <bpmn:error id="call-failed" errorCode="call-failed"/>
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(id, body);
    }

    /** An asyncBefore Voice Call step with input parameters given as name, value pairs (values XML-escaped). */
    static String voiceCall(String id, String... parameters) {
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            inputs.append("<camunda:inputParameter name=\"").append(parameters[i]).append("\">")
                    .append(SayTwiml.escape(parameters[i + 1])).append("</camunda:inputParameter>");
        }
        return "<bpmn:serviceTask id=\"" + id + "\" camunda:delegateExpression=\"${voiceCall}\" "
                + "camunda:asyncBefore=\"true\"><bpmn:extensionElements><camunda:inputOutput>" + inputs
                + "</camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>";
    }

    /**
     * start → step → (then) → end "done", and the analyst's error path: a call-failed boundary event (its message in
     * the variable callError) → end "failed". {@code then} is more elements after the step, ending in "then", or
     * empty.
     */
    static String withErrorPath(String step, String stepId, String then) {
        String next = then.isEmpty() ? stepId : "then";
        return "<bpmn:startEvent id=\"start\"/>" + step + then
                + "<bpmn:boundaryEvent id=\"call-error\" attachedToRef=\"" + stepId + "\">"
                + "<bpmn:errorEventDefinition errorRef=\"call-failed\" camunda:errorMessageVariable=\"callError\"/>"
                + "</bpmn:boundaryEvent>"
                + "<bpmn:endEvent id=\"done\"/><bpmn:endEvent id=\"failed\"/>"
                + flow("start", stepId) + (then.isEmpty() ? "" : flow(stepId, "then")) + flow(next, "done")
                + flow("call-error", "failed");
    }

    static String flow(String from, String to) {
        return "<bpmn:sequenceFlow id=\"" + from + "-" + to + "\" sourceRef=\"" + from + "\" targetRef=\"" + to + "\"/>";
    }
}
