package dev.replyflow.automation.voice;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Names one execution of a step, the same for every retry of its job: processInstanceId:activityId:number of
 * visits of the activity that finished before. A failed attempt is rolled back with its job, leaving no finished
 * visit behind; a loop's next visit gets a new key. Two visits running in parallel (a parallel multi-instance
 * step) would share one.
 */
final class StepExecutionKey {

    private StepExecutionKey() {
    }

    static String of(DelegateExecution execution) {
        long earlier = execution.getProcessEngineServices().getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId()).activityId(execution.getCurrentActivityId())
                .finished().count();
        return execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId() + ":" + earlier;
    }
}
