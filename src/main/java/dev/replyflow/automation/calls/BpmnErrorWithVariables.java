package dev.replyflow.automation.calls;

import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;

/** A step's BPMN error after part of its work was done: the variables that work set stay set on the error path. */
public class BpmnErrorWithVariables extends BpmnError {

    private final transient Map<String, Object> variables;

    public BpmnErrorWithVariables(BpmnError error, Map<String, Object> variables) {
        super(error.getErrorCode(), error.getMessage());
        this.variables = Map.copyOf(variables);
    }

    public Map<String, Object> variables() {
        return variables;
    }
}
