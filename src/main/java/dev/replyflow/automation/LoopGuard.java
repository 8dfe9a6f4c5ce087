package dev.replyflow.automation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Go to Step may loop, but not forever: every step that lies on a cycle of the flow counts its visits per
 * instance, and one visit too many fails (in a job: retries, then an incident in Cockpit). Steps outside loops
 * pay nothing.
 */
public class LoopGuard extends AbstractBpmnParseListener {

    private final int maxVisits;

    public LoopGuard(int maxVisits) {
        this.maxVisits = maxVisits;
    }

    @Override
    public void parseRootElement(Element root, List<ProcessDefinitionEntity> processDefinitions) {
        for (ProcessDefinitionEntity definition : processDefinitions) {
            List<ActivityImpl> activities = new ArrayList<>();
            collect(definition, activities);
            for (ActivityImpl activity : activities) {
                if (onCycle(activity, activities)) {
                    activity.addListener(ExecutionListener.EVENTNAME_START, new VisitCounter(maxVisits));
                }
            }
        }
    }

    private static void collect(ScopeImpl scope, List<ActivityImpl> into) {
        for (ActivityImpl activity : scope.getActivities()) {
            into.add(activity);
            collect(activity, into);
        }
    }

    /** Reachable from itself, following sequence flows and the boundary events attached to each step. */
    private static boolean onCycle(ActivityImpl start, List<ActivityImpl> all) {
        Deque<ActivityImpl> todo = new ArrayDeque<>(successors(start, all));
        Set<ActivityImpl> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            ActivityImpl next = todo.pop();
            if (next == start) {
                return true;
            }
            if (seen.add(next)) {
                todo.addAll(successors(next, all));
            }
        }
        return false;
    }

    private static List<ActivityImpl> successors(ActivityImpl activity, List<ActivityImpl> all) {
        List<ActivityImpl> next = new ArrayList<>();
        for (PvmTransition transition : activity.getOutgoingTransitions()) {
            next.add((ActivityImpl) transition.getDestination());
        }
        for (ActivityImpl candidate : all) {
            if (candidate != activity && candidate.getEventScope() == activity) {
                next.add(candidate);
            }
        }
        return next;
    }

    static class VisitCounter implements ExecutionListener {
        private final int maxVisits;

        VisitCounter(int maxVisits) {
            this.maxVisits = maxVisits;
        }

        @Override
        public void notify(DelegateExecution execution) {
            long visits = execution.getProcessEngineServices().getHistoryService().createHistoricActivityInstanceQuery()
                    .processInstanceId(execution.getProcessInstanceId()).activityId(execution.getCurrentActivityId()).count();
            if (visits > maxVisits) {
                throw new ProcessEngineException("Loop guard: step '" + execution.getCurrentActivityId() + "' was reached "
                        + visits + " times in this automation, more than replyflow.automation.max-visits=" + maxVisits
                        + ". Check the Go to Step of this flow; after a fix, retry the incident.");
            }
        }
    }
}
