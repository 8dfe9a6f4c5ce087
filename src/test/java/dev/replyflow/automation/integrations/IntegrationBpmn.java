package dev.replyflow.automation.integrations;

/** Hand-written BPMN for the integration tests, as an analyst would write it (no modeler needed). */
final class IntegrationBpmn {

    private IntegrationBpmn() {
    }

    static String process(String id, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
                  <bpmn:error id="integration-failed" errorCode="integration-failed"/>
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
        return "<bpmn:serviceTask id=\"" + id + "\" camunda:delegateExpression=\"${" + delegate + "}\" camunda:asyncBefore=\"true\">"
                + "<bpmn:extensionElements><camunda:inputOutput>" + inputs
                + "</camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>";
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
        StringBuilder xml = new StringBuilder("<bpmn:startEvent id=\"start\"/>");
        String previous = "start";
        for (int i = 0; i < elementsAndIds.length; i += 2) {
            xml.append(elementsAndIds[i]);
            xml.append(flow(previous, elementsAndIds[i + 1]));
            previous = elementsAndIds[i + 1];
        }
        return xml + end("end") + flow(previous, "end");
    }

    static String flow(String from, String to) {
        return "<bpmn:sequenceFlow id=\"" + from + "-" + to + "\" sourceRef=\"" + from + "\" targetRef=\"" + to + "\"/>";
    }
}
