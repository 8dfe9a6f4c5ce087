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

    private static long finished(Map<String, Counts> counts, List<String> ids) {
        return ids.stream().map(counts::get).filter(java.util.Objects::nonNull).mapToLong(c -> c.finished).sum();
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
        Map<String, CustomerResponse> responses = new java.util.HashMap<>();
        for (ProcessDefinition version : versions) {
            CustomerResponse.find(repository.getBpmnModelInstance(version.getId()))
                    .forEach(r -> responses.putIfAbsent(r.elementId(), r));
        }
        return counts.entrySet().stream().map(e -> {
            Counts c = e.getValue();
            CustomerResponse response = responses.get(e.getKey());
            if (response == null) {
                return new ElementStatistics(e.getKey(), c.active, c.finished, null, null);
            }
            // replied: a receive task that completed (not canceled), or its reply boundary event; no response: only the
            // contacts whose timer fired (a stopped automation is neither)
            long replied = response.replyBoundaryId() == null ? c.finished - c.canceled
                    : finished(counts, List.of(response.replyBoundaryId()));
            return new ElementStatistics(e.getKey(), c.active, c.finished, replied, finished(counts, response.timerIds()));
        }).toList();
    }
}
