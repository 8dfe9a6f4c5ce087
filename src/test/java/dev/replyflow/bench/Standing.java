package dev.replyflow.bench;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;

/**
 * Automations that keep waiting (for a message nobody sends, a timer ten years away), started in each engine before
 * its warm-up: a running server always has some, so its engine's runtime tables are never empty. Without them each
 * round drained those tables, the VACUUM after the timers (or autovacuum, whenever it came by) recorded them empty,
 * and PostgreSQL planned the foreign-key checks of the next core loop's inserts as scans of tables that then filled
 * up: 0.7 ms per insert into ACT_RU_EXECUTION and ACT_RU_VARIABLE instead of 0.1, worse for Replyflow, whose starts
 * write more variables than bare Camunda's.
 */
final class Standing {

    static final String KEY = "bench-standing";
    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://replyflow.dev/bench">
              <bpmn:message id="wake" name="bench-standing-wake"/>
              <bpmn:process id="bench-standing" name="Benchmark: waiting automations" isExecutable="true"
                  camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="start"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
                <bpmn:receiveTask id="wait" name="Wait" messageRef="wake"/>
                <bpmn:boundaryEvent id="much-later" attachedToRef="wait">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>P3650D</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
                <bpmn:sequenceFlow id="f3" sourceRef="much-later" targetRef="end"/>
                <bpmn:endEvent id="end"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    private Standing() {
    }

    /** Deploys the waiting automation and starts {@code instances} of it (bench.standing), each with a variable. */
    static void start(ProcessEngine engine, int instances) {
        if (instances <= 0) {
            return;
        }
        engine.getRepositoryService().createDeployment().name("bench-standing").addString("standing.bpmn", XML).deploy();
        for (int i = 0; i < instances; i++) {
            engine.getRuntimeService().startProcessInstanceByKey(KEY, "standing-" + i, Map.of("contact", i));
        }
    }

    static int instances() {
        return Integer.getInteger("bench.standing", 10_000);
    }
}
