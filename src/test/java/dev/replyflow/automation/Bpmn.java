package dev.replyflow.automation;

import dev.replyflow.support.TestBpmn;

/** The automation tests' BPMN: TestBpmn with the Send Message error the tests catch. */
final class Bpmn {

    private Bpmn() {
    }

    static String process(String id, String body) {
        return TestBpmn.process(id, body, "outside-service-window");
    }

    static String step(String id, String delegate, boolean async, String... parameters) {
        return TestBpmn.step(id, delegate, async, parameters);
    }

    static String chain(String... elementsAndIds) {
        return TestBpmn.chain(elementsAndIds);
    }

    static String flow(String from, String to) {
        return TestBpmn.flow(from, to);
    }
}
