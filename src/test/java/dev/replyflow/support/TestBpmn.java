package dev.replyflow.support;

/** Hand-written BPMN for tests, as an analyst would write it against the contract (no modeler needed). */
public final class TestBpmn {

    private TestBpmn() {
    }

    /** A process with the customer-reply message and one bpmn:error per code (its id is the code). */
    public static String process(String id, String body, String... errorCodes) {
        StringBuilder errors = new StringBuilder();
        for (String code : errorCodes) {
            errors.append("  <bpmn:error id=\"").append(code).append("\" errorCode=\"").append(code).append("\"/>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/test">
                  <bpmn:message id="reply" name="customer-reply"/>
                %s  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(errors, id, body);
    }

    /** A service task step with input parameters given as name, value pairs. */
    public static String step(String id, String delegate, boolean async, String... parameters) {
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            inputs.append("<camunda:inputParameter name=\"").append(parameters[i]).append("\">").append(parameters[i + 1])
                    .append("</camunda:inputParameter>");
        }
        return "<bpmn:serviceTask id=\"" + id + "\" camunda:delegateExpression=\"${" + delegate + "}\""
                + (async ? " camunda:asyncBefore=\"true\"" : "") + "><bpmn:extensionElements><camunda:inputOutput>" + inputs
                + "</camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>";
    }

    /** A Customer Response as a receive task for customer-reply, with its No Response timer ({@code timerId}, PT1H). */
    public static String customerResponse(String id, String timerId) {
        return "<bpmn:receiveTask id=\"" + id + "\" messageRef=\"reply\"/><bpmn:boundaryEvent id=\"" + timerId
                + "\" attachedToRef=\"" + id + "\"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration>"
                + "</bpmn:timerEventDefinition></bpmn:boundaryEvent>";
    }

    /** Elements connected one after the other by sequence flows, from a start event to an end event. */
    public static String chain(String... elementsAndIds) {
        StringBuilder xml = new StringBuilder("<bpmn:startEvent id=\"start\"/>");
        String previous = "start";
        for (int i = 0; i < elementsAndIds.length; i += 2) {
            xml.append(elementsAndIds[i]);
            xml.append(flow(previous, elementsAndIds[i + 1]));
            previous = elementsAndIds[i + 1];
        }
        return xml + "<bpmn:endEvent id=\"end\"/>" + flow(previous, "end");
    }

    public static String flow(String from, String to) {
        return "<bpmn:sequenceFlow id=\"" + from + "-" + to + "\" sourceRef=\"" + from + "\" targetRef=\"" + to + "\"/>";
    }
}
