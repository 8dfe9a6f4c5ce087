package dev.replyflow.automation.calls;

import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.core.variable.mapping.value.ConstantValueProvider;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.replyflow.automation.Step;

/**
 * A step that calls another system (a webhook, an integration, Twilio) with no database connection held during the
 * call. It is the step's {@code ${bean}}: in the engine's transaction it {@link #prepare checks} its inputs (what is
 * wrong with them takes the step's BPMN error at once) and leaves an external task of topic {@link #topic()} for its
 * execution, which waits there. The {@link RemoteCallWorker} takes the task, prepares the request again in a short
 * transaction of its own, {@link #call calls} with none held, and completes the task with the variables the call
 * returned, reports the step's BPMN error, or a failure the engine's retry cycle retries and finally turns into an
 * incident.
 * <p>
 * It extends the engine's ExternalTaskActivityBehavior, the wait state the engine has for work done outside: the task
 * gets the process's task priority, completing it leaves the activity, and Cockpit shows and retries it. A BPMN
 * {@code camunda:type="external"} task would do the same, but change the steps' BPMN contract (their
 * {@code camunda:delegateExpression} and parameters) and give up the checks in the engine's transaction.
 *
 * @param <R> the request the step prepares for its call
 */
public abstract class RemoteCallStep<R> extends ExternalTaskActivityBehavior {

    private final Step step;
    private RemoteCallWorker worker;

    protected RemoteCallStep(Step step) {
        super(new ConstantValueProvider(topic(step)), null);
        this.step = step;
    }

    /** The external task topic of a step. */
    public static String topic(Step step) {
        return "replyflow." + step.id();
    }

    public String topic() {
        return topic(step);
    }

    public Step step() {
        return step;
    }

    /** Set by Spring: woken once a task committed, so the step's own node takes it at once. */
    @Autowired
    void setWorker(RemoteCallWorker worker) {
        this.worker = worker;
    }

    /**
     * Reads and checks what the call needs. Runs in the engine's transaction when the step starts (its result is not
     * kept: the worker prepares again, as the data may have changed meanwhile), and on the worker in a short
     * transaction before the call.
     *
     * @throws BpmnError the step's error path: the call must not be made
     */
    protected abstract R prepare(StepInputs inputs);

    /**
     * Makes the call, with no transaction held (it may open short ones of its own, never across the call).
     *
     * @return the variables to set as the step completes
     * @throws BpmnError the step's error path (a {@link BpmnErrorWithVariables} sets variables too)
     * @throws UnrecoverableCallException when retrying cannot help: an incident at once
     * @throws RuntimeException anything else: retried on the engine's retry cycle, then an incident
     */
    protected abstract Map<String, Object> call(R request);

    /** The BPMN error a step-specific refusal stands for, or null when {@code e} is not one. */
    protected BpmnError bpmnErrorFor(RuntimeException e) {
        return null;
    }

    @Override
    public void execute(ActivityExecution execution) throws Exception {
        try {
            prepare(StepInputs.of(execution));
        } catch (RuntimeException e) {
            BpmnError error = bpmnErrorFor(e);
            throw error != null ? error : e;
        }
        super.execute(execution); // the external task
        RemoteCallWorker w = worker;
        if (w != null) {
            Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    committed -> w.wakeUp());
        }
    }

    /** On the worker: prepares in a short transaction, then calls with none held. */
    CallOutcome work(StepInputs inputs, TransactionOperations transactions) {
        try {
            R request = transactions.execute(status -> prepare(inputs));
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new IllegalStateException(step.name() + ": a remote call must not hold a transaction");
            }
            return new CallOutcome.Done(call(request));
        } catch (BpmnError e) {
            return new CallOutcome.Refused(e);
        } catch (RuntimeException e) {
            BpmnError error = bpmnErrorFor(e);
            return error != null ? new CallOutcome.Refused(error)
                    : new CallOutcome.Failed(e, !(e instanceof UnrecoverableCallException));
        }
    }
}
