package dev.replyflow.jobs;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the engine's history leaves out of its widest, most indexed tables, for rows nothing reads:
 * <ul>
 * <li>the routine of Replyflow's own jobs (created, done, deleted) in ACT_HI_JOB_LOG: with history {@code full} every
 * routed reply wrote two rows there for jobs whose subject is kept in Replyflow's own tables (the message, the
 * delivery, the campaign). A failure is still logged with its exception; the jobs of processes (timers, async steps)
 * are logged as the history level says.</li>
 * <li>unless {@code replyflow.history.variable-changes} is true, each variable's every value in ACT_HI_DETAIL: the
 * history keeps each variable with its last value (ACT_HI_VARINST, what Cockpit and the REST history show), but
 * not a row per change, which only Camunda's enterprise Cockpit reads. On PostgreSQL those rows were an eighth of the
 * database's work in the core loop (every start sets contactId and contactPhone, every reply three variables).</li>
 * </ul>
 */
@Component
public class HistoryWrites extends AbstractProcessEnginePlugin {

    private final boolean variableChanges;

    HistoryWrites(@Value("${replyflow.history.variable-changes:false}") boolean variableChanges) {
        this.variableChanges = variableChanges;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(new Handler(variableChanges));
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(false); // this one writes everything else
    }

    /** Public so that the benchmark's bare Camunda writes its history the same way. */
    public static final class Handler extends DbHistoryEventHandler {

        private final boolean variableChanges;

        public Handler(boolean variableChanges) {
            this.variableChanges = variableChanges;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricJobLogEvent log && OwnJobHandler.isOwn(log.getJobDefinitionType())
                    && !log.isFailureLog()) {
                return;
            }
            super.handleEvent(event);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }

        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return variableChanges && super.shouldWriteHistoricDetail(event);
        }
    }
}
