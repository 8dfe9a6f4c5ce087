package dev.replyflow.bench;

/**
 * The benchmark's automation, the same XML for Replyflow and bare Camunda: Send Message of a template (async before)
 * → Customer Response (message customer-reply, No Response timer PT24H) → Add Tag replied; the timer path → Add Tag
 * no-response.
 */
final class BenchBpmn {

    static final String KEY = "bench-core-loop";
    static final String TEMPLATE = "bench_notice";
    static final String END_REPLIED = "end-replied";
    static final String END_NO_RESPONSE = "end-no-response";
    static final String MESSAGE = "customer-reply";
    /**
     * Instances at the Customer Response, counted on the index of its message subscriptions (one per waiting instance):
     * the benchmark's progress poll (every 200 ms) counted their executions by activity, reading every row of them, and
     * took a tenth of the CPU of the replies it was measuring on H2.
     */
    static final String COUNT_WAITING = "select count(*) from ACT_RU_EVENT_SUBSCR where EVENT_NAME_ = '" + MESSAGE + "'";

    static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/bench">
              <bpmn:message id="reply" name="customer-reply"/>
              <bpmn:process id="bench-core-loop" name="Benchmark core loop" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="send-template"/>
                <bpmn:serviceTask id="send-template" name="Send Message" camunda:asyncBefore="true"
                    camunda:delegateExpression="${sendMessage}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="template">bench_notice</camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="f2" sourceRef="send-template" targetRef="customer-response"/>
                <bpmn:receiveTask id="customer-response" name="Customer Response" messageRef="reply"/>
                <bpmn:boundaryEvent id="no-response" name="No Response" attachedToRef="customer-response">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT24H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f3" sourceRef="customer-response" targetRef="tag-replied"/>
                <bpmn:serviceTask id="tag-replied" name="Add Tag replied" camunda:delegateExpression="${addTag}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="tag">replied</camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="f4" sourceRef="tag-replied" targetRef="end-replied"/>
                <bpmn:endEvent id="end-replied" name="Replied"/>
                <bpmn:sequenceFlow id="f5" sourceRef="no-response" targetRef="tag-no-response"/>
                <bpmn:serviceTask id="tag-no-response" name="Add Tag no-response" camunda:delegateExpression="${addTag}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="tag">no-response</camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="f6" sourceRef="tag-no-response" targetRef="end-no-response"/>
                <bpmn:endEvent id="end-no-response" name="No response"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    private BenchBpmn() {
    }

    /**
     * The XML Replyflow deploys: by default (and as the product builds it) the Send Message runs in the transaction that
     * reaches it, with no async continuation, as it only records the message there; {@code -Dbench.async=true} adds one.
     */
    static String xml() {
        return xml(replyflowAsync());
    }

    /**
     * The XML bare Camunda deploys: by default with the async continuation a send needs whose delegate calls WhatsApp
     * itself; {@code -Dbench.bareAsync=false} leaves it out.
     */
    static String bareXml() {
        return xml(bareAsync());
    }

    static boolean replyflowAsync() {
        return Boolean.parseBoolean(System.getProperty("bench.async", "false"));
    }

    static boolean bareAsync() {
        return Boolean.parseBoolean(System.getProperty("bench.bareAsync", "true"));
    }

    private static String xml(boolean async) {
        return async ? XML : XML.replace(" camunda:asyncBefore=\"true\"", "");
    }
}
