package dev.replyflow.campaign;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Registers the campaign slice job handler with the engine (the starter applies every ProcessEnginePlugin bean). */
@Component
public class CampaignEnginePlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<CampaignDispatcher> dispatcher;

    public CampaignEnginePlugin(ObjectProvider<CampaignDispatcher> dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<JobHandler> handlers = configuration.getCustomJobHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomJobHandlers());
        handlers.add(new CampaignSliceJobHandler(dispatcher));
        configuration.setCustomJobHandlers(handlers);
    }
}
