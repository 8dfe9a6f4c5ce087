package dev.replyflow.support;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Component;
import org.awaitility.Awaitility;
import java.time.Duration;

import dev.replyflow.messaging.OutboundDispatcher;

/**
 * What the engine tests do with an automation: deploy it, run an instance's waiting job as the job executor would
 * (it is off in tests), and ask where the instance ended and what it holds.
 */
@Component
public class EngineProbe {

    private final RepositoryService repository;
    private final ManagementService management;
    private final HistoryService history;
    private final OutboundDispatcher sender;

    EngineProbe(RepositoryService repository, ManagementService management, HistoryService history, OutboundDispatcher sender) {
        this.repository = repository;
        this.management = management;
        this.history = history;
        this.sender = sender;
    }

    /** Deploys the process under its key (again only when it changed). */
    public void deploy(String key, String bpmn) {
        repository.createDeployment().name(key).enableDuplicateFiltering(true).addString(key + ".bpmn", bpmn).deploy();
    }

    /** Runs the instance's one executable job, and waits until the messages it recorded were handed to WhatsApp. */
    public void runJob(String instance) {
        try {
            management.executeJob(management.createJobQuery().processInstanceId(instance).executable().singleResult().getId());
        } finally {
            awaitSent();
        }
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
