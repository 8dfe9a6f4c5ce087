package dev.replyflow.jobs;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.springframework.stereotype.Component;

/**
 * Leaves the routine of Replyflow's own jobs (created, done, deleted) out of the engine's job log: with history
 * {@code full} every routed reply wrote two rows to ACT_HI_JOB_LOG, a wide table with many indexes, for jobs whose
 * subject is kept in Replyflow's own tables (the message, the delivery, the campaign). A failure is still logged with
 * its exception; the jobs of processes (timers, async steps) are logged as the history level says.
 */
@Component
class OwnJobLog extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(new WithoutOwnJobRoutine());
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(false); // this one writes everything else
    }

    static final class WithoutOwnJobRoutine extends DbHistoryEventHandler {

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
    }
}
