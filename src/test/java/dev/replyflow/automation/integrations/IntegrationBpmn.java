package dev.replyflow.automation.integrations;

import dev.replyflow.support.TestBpmn;

/** Hand-written BPMN for the integration tests, as an analyst would write it (no modeler needed). */
final class IntegrationBpmn {

    private IntegrationBpmn() {
    }

    static String process(String id, String body) {
        return TestBpmn.process(id, body, "integration-failed");
    }

    /** An asyncBefore service task step with input parameters given as name, value pairs. */
    static String step(String id, String delegate, String... parameters) {
        return TestBpmn.step(id, delegate, true, parameters);
    }

    /** The analyst's error path: an integration-failed boundary event keeping the message in integrationError. */
    static String onFailure(String id, String attachedTo) {
        return "<bpmn:boundaryEvent id=\"" + id + "\" attachedToRef=\"" + attachedTo + "\">"
                + "<bpmn:errorEventDefinition errorRef=\"integration-failed\" camunda:errorMessageVariable=\"integrationError\"/>"
                + "</bpmn:boundaryEvent>";
    }

    /** A wait state, so that the instance's variables can be read after the step. */
    static String waitADay(String id) {
        return "<bpmn:intermediateCatchEvent id=\"" + id + "\"><bpmn:timerEventDefinition>"
                + "<bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>";
    }

    static String end(String id) {
        return "<bpmn:endEvent id=\"" + id + "\"/>";
    }

    /** Elements connected one after the other by sequence flows, from a start event to an end event. */
    static String chain(String... elementsAndIds) {
        return TestBpmn.chain(elementsAndIds);
    }

    static String flow(String from, String to) {
        return TestBpmn.flow(from, to);
    }
}
