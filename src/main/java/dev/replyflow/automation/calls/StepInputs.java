package dev.replyflow.automation.calls;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What a step reads of its execution: its parameters (the step's input parameters, local variables), the process
 * variables it sees, and where it runs. The same in the engine's transaction (a {@link DelegateExecution}) and on the
 * worker that makes a remote call (an external task), so a step prepares its call with one piece of code.
 */
public interface StepInputs {

    String processInstanceId();

    /** The id of the process that holds the step (the automation's key). */
    String processDefinitionKey();

    String activityId();

    String businessKey();

    /** A parameter of the step: a local variable, null when not set. */
    Object parameter(String name);

    /** A variable as the step sees it (its own, else the process's), null when not set. */
    Object variable(String name);

    /** This execution of the step, the same for every retry: see {@link #visitKey(HistoryService, String, String)}. */
    String visitKey();

    default String text(String parameter) {
        Object value = parameter(parameter);
        return value == null ? null : value.toString();
    }

    /** A LINES parameter: a list variable, or text with one item per line. */
    default List<String> lines(String parameter) {
        Object value = parameter(parameter);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return Arrays.stream(value.toString().split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Names one execution of a step, the same for every retry: processInstanceId:activityId:number of visits of the
     * activity that finished before. A failed attempt leaves no finished visit behind; a loop's next visit gets a new
     * key. Steps that talk to the outside world use it as their idempotency key. (Two visits running in parallel, a
     * multi-instance step, would share one.)
     */
    static String visitKey(HistoryService history, String processInstanceId, String activityId) {
        long earlier = history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId(activityId).finished().count();
        return processInstanceId + ":" + activityId + ":" + earlier;
    }

    static StepInputs of(DelegateExecution execution) {
        return new StepInputs() {
            @Override
            public String processInstanceId() {
                return execution.getProcessInstanceId();
            }

            @Override
            public String processDefinitionKey() {
                // the id may be a generated one for long keys: the process element names the key
                ModelElementInstance element = execution.getBpmnModelElementInstance();
                while (element != null && !(element instanceof Process)) {
                    element = element.getParentElement();
                }
                return element != null ? ((Process) element).getId() : execution.getProcessDefinitionId().split(":")[0];
            }

            @Override
            public String activityId() {
                return execution.getCurrentActivityId();
            }

            @Override
            public String businessKey() {
                return execution.getBusinessKey();
            }

            @Override
            public Object parameter(String name) {
                return execution.getVariableLocal(name);
            }

            @Override
            public Object variable(String name) {
                return execution.getVariable(name);
            }

            @Override
            public String visitKey() {
                return StepInputs.visitKey(execution.getProcessEngineServices().getHistoryService(),
                        execution.getProcessInstanceId(), execution.getCurrentActivityId());
            }
        };
    }
}
