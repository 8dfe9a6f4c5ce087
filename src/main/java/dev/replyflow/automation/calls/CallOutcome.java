package dev.replyflow.automation.calls;

import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;

/** How a remote call ended, for the worker to report on its external task. */
sealed interface CallOutcome {

    /** The step completes, setting these variables. */
    record Done(Map<String, Object> variables) implements CallOutcome {
    }

    /** The step takes its BPMN error path. */
    record Refused(BpmnError error) implements CallOutcome {
    }

    /** The call failed: retried on the engine's retry cycle when {@code retry}, else an incident at once. */
    record Failed(RuntimeException cause, boolean retry) implements CallOutcome {
    }
}
