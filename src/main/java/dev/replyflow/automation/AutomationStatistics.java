package dev.replyflow.automation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityStatistics;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

import dev.replyflow.web.ApiException;

/**
 * How many contacts wait at each step of an automation now, and how many passed it, over all its versions;
 * for a Customer Response also how many replied and how many took the No Response path.
 */
@Service
public class AutomationStatistics {

    private final RepositoryService repository;
    private final ManagementService management;
    private final HistoryService history;

    public AutomationStatistics(RepositoryService repository, ManagementService management, HistoryService history) {
        this.repository = repository;
        this.management = management;
        this.history = history;
    }

    /** {@code replied} and {@code noResponse} are set for steps that wait for a reply (ended by a timer = no response). */
    public record ElementStatistics(String elementId, long active, long completed, Long replied, Long noResponse) {
    }

    private static final class Counts {
        long active;
        long finished;
        long canceled;
    }

    public List<ElementStatistics> of(String processKey) {
        List<ProcessDefinition> versions = repository.createProcessDefinitionQuery().processDefinitionKey(processKey).list();
        if (versions.isEmpty()) {
            throw ApiException.notFound("Automation", processKey);
        }
        Map<String, Counts> counts = new TreeMap<>();
        for (ProcessDefinition version : versions) {
            for (ActivityStatistics running : management.createActivityStatisticsQuery(version.getId()).list()) {
                counts.computeIfAbsent(running.getId(), id -> new Counts()).active += running.getInstances();
            }
            for (HistoricActivityStatistics past : history.createHistoricActivityStatisticsQuery(version.getId())
                    .includeFinished().includeCanceled().list()) {
                Counts c = counts.computeIfAbsent(past.getId(), id -> new Counts());
                c.finished += past.getFinished();
                c.canceled += past.getCanceled();
            }
        }
        var waitsForReply = new java.util.HashSet<String>();
        for (ProcessDefinition version : versions) {
            var model = repository.getBpmnModelInstance(version.getId());
            for (var task : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.ReceiveTask.class)) {
                if (task.getMessage() != null && ReplyCorrelation.MESSAGE.equals(task.getMessage().getName())) {
                    waitsForReply.add(task.getId());
                }
            }
        }
        return counts.entrySet().stream().map(e -> {
            Counts c = e.getValue();
            boolean waits = waitsForReply.contains(e.getKey());
            // a Customer Response ends either by the reply (completed) or by its timer (canceled): the No Response path
            return new ElementStatistics(e.getKey(), c.active, c.finished, waits ? c.finished - c.canceled : null,
                    waits ? c.canceled : null);
        }).toList();
    }
}
