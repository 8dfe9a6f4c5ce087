package dev.replyflow.automation.calls;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/** A step's inputs read on the worker, through the engine's services, for the execution that waits on the task. */
final class TaskInputs implements StepInputs {

    private final LockedExternalTask task;
    private final RuntimeService runtime;
    private final HistoryService history;

    TaskInputs(LockedExternalTask task, RuntimeService runtime, HistoryService history) {
        this.task = task;
        this.runtime = runtime;
        this.history = history;
    }

    @Override
    public String processInstanceId() {
        return task.getProcessInstanceId();
    }

    @Override
    public String processDefinitionKey() {
        return task.getProcessDefinitionKey();
    }

    @Override
    public String activityId() {
        return task.getActivityId();
    }

    @Override
    public String businessKey() {
        return task.getBusinessKey();
    }

    @Override
    public Object parameter(String name) {
        return runtime.getVariableLocal(task.getExecutionId(), name);
    }

    @Override
    public Object variable(String name) {
        return runtime.getVariable(task.getExecutionId(), name);
    }

    @Override
    public String visitKey() {
        // the step's visit has not finished while its task waits: the same key as in the engine's transaction
        return StepInputs.visitKey(history, task.getProcessInstanceId(), task.getActivityId());
    }
}
