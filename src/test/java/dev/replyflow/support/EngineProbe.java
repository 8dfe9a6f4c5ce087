package dev.replyflow.support;

import java.util.HashMap;
import java.util.Map;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.calls.RemoteCallWorker;
import dev.replyflow.messaging.OutboundDispatcher;

/**
 * What the engine tests do with an automation: deploy it, run an instance's waiting job as the job executor would
 * (it is off in tests) and the remote calls it left as the worker would (its poller is off too), and ask where the
 * instance ended and what it holds.
 */
@Component
public class EngineProbe {

    private final RepositoryService repository;
    private final ManagementService management;
    private final HistoryService history;
    private final OutboundDispatcher sender;
    private final RemoteCallWorker calls;
    private final ExternalTaskService externalTasks;

    EngineProbe(RepositoryService repository, ManagementService management, HistoryService history, OutboundDispatcher sender,
            RemoteCallWorker calls, ExternalTaskService externalTasks) {
        this.repository = repository;
        this.management = management;
        this.history = history;
        this.sender = sender;
        this.calls = calls;
        this.externalTasks = externalTasks;
    }

    /** Deploys the process under its key (again only when it changed). */
    public void deploy(String key, String bpmn) {
        repository.createDeployment().name(key).enableDuplicateFiltering(true).addString(key + ".bpmn", bpmn).deploy();
    }

    /**
     * Runs the instance's one executable job, then once the remote calls due (a webhook, integration or voice step the
     * job reached), and waits until the messages they recorded were handed to WhatsApp.
     */
    public void runJob(String instance) {
        try {
            management.executeJob(management.createJobQuery().processInstanceId(instance).executable().singleResult().getId());
        } finally {
            runCalls();
        }
    }

    /** Works the remote calls due now, once each, as the worker would (a failed one's retry: the next call, when due). */
    public int runCalls() {
        try {
            return calls.runDue();
        } finally {
            awaitSent();
        }
    }

    /** The instance's remote call waiting for the worker (with its retries and last error), or null. */
    public ExternalTask call(String instance) {
        return externalTasks.createExternalTaskQuery().processInstanceId(instance).singleResult();
    }

    /** Waits until the sender pool has handed every recorded message to WhatsApp (or failed it). */
    public void awaitSent() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(sender::idle);
    }

    public boolean ended(String instance, String endEvent) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId(endEvent).finished()
                .count() == 1;
    }

    /** The instance's variables, also after it ended. */
    public Map<String, Object> variables(String instance) {
        Map<String, Object> values = new HashMap<>();
        history.createHistoricVariableInstanceQuery().processInstanceId(instance).list()
                .forEach(v -> values.put(v.getName(), v.getValue()));
        return values;
    }
}
