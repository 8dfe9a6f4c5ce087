package dev.replyflow.automation.calls;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the engine how a remote call ended, each report one short engine transaction: complete (the instance moves
 * on, in this transaction, up to its next wait state), the step's BPMN error, or a failure with the retries and the
 * wait the engine's retry cycle gives (none left: an incident, shown in Cockpit, retried from there).
 */
@Component
class CallReports {

    private static final Logger log = LoggerFactory.getLogger(CallReports.class);
    /** A report that meets a concurrent change of its instance (a reply, a timer) is made again, this many times. */
    private static final int ATTEMPTS = 3;

    private final ExternalTaskService tasks;
    private final ProcessEngine engine;
    private volatile RetryCycle cycle;

    CallReports(ExternalTaskService tasks, ProcessEngine engine) {
        this.tasks = tasks;
        this.engine = engine;
    }

    void report(LockedExternalTask task, CallOutcome outcome, String workerId) {
        for (int attempt = 1;; attempt++) {
            try {
                send(task, outcome, workerId);
                return;
            } catch (OptimisticLockingException e) {
                if (attempt == ATTEMPTS) {
                    // the lock lapses and the call is made again, as a retried job would
                    log.warn("{}: reporting its call failed {} times on concurrent changes; it is taken again after {}",
                            describe(task), ATTEMPTS, task.getLockExpirationTime(), e);
                    return;
                }
            } catch (RuntimeException e) {
                if (!stillWaitsFor(task, workerId)) {
                    log.info("{}: the step no longer waits for this worker's call (its instance ended or moved on, or "
                            + "its lock lapsed and another worker took it): {}", describe(task), e.getMessage());
                    return;
                }
                if (outcome instanceof CallOutcome.Done) {
                    // moving on failed (a later step in the same transaction threw): the step failed, as its job would
                    outcome = new CallOutcome.Failed(e, true);
                } else if (outcome instanceof CallOutcome.Refused refused) {
                    // typically no error boundary event catches it: an incident, as for a step throwing it from its job
                    BpmnError error = refused.error();
                    outcome = new CallOutcome.Failed(new ProcessEngineException(error.getMessage() + " (the BPMN error "
                            + error.getErrorCode() + " could not be thrown: " + rootMessage(e) + ")", e), false);
                } else {
                    log.error("{}: reporting the failure of its call failed; it is taken again after {}", describe(task),
                            task.getLockExpirationTime(), e);
                    return;
                }
            }
        }
    }

    private void send(LockedExternalTask task, CallOutcome outcome, String workerId) {
        if (outcome instanceof CallOutcome.Done done) {
            tasks.complete(task.getId(), workerId, done.variables());
        } else if (outcome instanceof CallOutcome.Refused refused) {
            BpmnError error = refused.error();
            tasks.handleBpmnError(task.getId(), workerId, error.getErrorCode(), error.getMessage(),
                    error instanceof BpmnErrorWithVariables withVariables ? withVariables.variables() : null);
        } else if (outcome instanceof CallOutcome.Failed failed) {
            fail(task, failed.cause(), failed.retry(), workerId);
        }
    }

    /** Whether the task is still there and locked by this worker: a failed report is then this step's failure. */
    private boolean stillWaitsFor(LockedExternalTask task, String workerId) {
        try {
            ExternalTask current = tasks.createExternalTaskQuery().externalTaskId(task.getId()).singleResult();
            return current != null && workerId.equals(current.getWorkerId());
        } catch (RuntimeException e) {
            log.warn("{}: cannot tell whether the step still waits for this worker", describe(task), e);
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private void fail(LockedExternalTask task, RuntimeException cause, boolean retry, String workerId) {
        int retries = retry ? cycle().retriesAfterFailure(task.getRetries()) : 0;
        Duration wait = retries > 0 ? cycle().waitBefore(retries) : Duration.ZERO;
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        tasks.handleFailure(task.getId(), workerId, message, stackTrace(cause), retries, wait.toMillis());
        if (retries > 0) {
            log.warn("{}: {}; {} retries left, the next in {}", describe(task), message, retries, wait);
        } else {
            log.error("{}: {}; an incident now", describe(task), message, cause);
        }
    }

    private RetryCycle cycle() {
        if (cycle == null) {
            cycle = RetryCycle.parse(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getFailedJobRetryTimeCycle());
        }
        return cycle;
    }

    private static String describe(LockedExternalTask task) {
        return "Step '" + task.getActivityId() + "' of instance " + task.getProcessInstanceId() + " (external task "
                + task.getId() + ")";
    }

    private static String stackTrace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
