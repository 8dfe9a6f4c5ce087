package dev.replyflow.automation.integrations;

import org.camunda.bpm.engine.delegate.BpmnError;

/**
 * The service refused the request for a reason a retry does not fix (bad credentials, invalid data, missing
 * configuration). The step turns it into the BPMN error {@code integration-failed}, which the analyst can catch.
 */
public class IntegrationRejectedException extends RuntimeException {

    public IntegrationRejectedException(String message) {
        super(message);
    }

    public BpmnError toBpmnError() {
        return new BpmnError(IntegrationSteps.INTEGRATION_FAILED, getMessage());
    }

    /** The step's BPMN error when {@code e} is a refusal, else null. */
    static BpmnError bpmnErrorFor(RuntimeException e) {
        return e instanceof IntegrationRejectedException rejected ? rejected.toBpmnError() : null;
    }
}
