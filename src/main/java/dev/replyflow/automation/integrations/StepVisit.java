package dev.replyflow.automation.integrations;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The identity of one pass through a step: process instance, activity, and how many passes through it have
 * completed before. Every retry of a job sees the same value (the current pass is not finished), and each pass
 * of a loop a new one, so it serves as an idempotency key towards the outside world.
 */
final class StepVisit {

    private StepVisit() {
    }

    static String key(HistoryService history, DelegateExecution execution) {
        String activity = execution.getCurrentActivityId();
        long completed = history.createHistoricActivityInstanceQuery().processInstanceId(execution.getProcessInstanceId())
                .activityId(activity).finished().count();
        return execution.getProcessInstanceId() + ":" + activity + ":" + completed;
    }
}
