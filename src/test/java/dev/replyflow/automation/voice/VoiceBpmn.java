package dev.replyflow.automation.voice;

import dev.replyflow.support.TestBpmn;

/** Hand-written BPMN for the Voice Call step, as an analyst would write it against the contract. */
final class VoiceBpmn {

    private VoiceBpmn() {
    }

    static String process(String id, String body) {
        return TestBpmn.process(id, body, "call-failed");
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
        return TestBpmn.flow(from, to);
    }
}
