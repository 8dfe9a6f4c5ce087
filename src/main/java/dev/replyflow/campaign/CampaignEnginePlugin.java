package dev.replyflow.campaign;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.replyflow.jobs.OwnJobHandler;

/** Registers the campaign slice jobs with the engine (the starter applies every ProcessEnginePlugin bean). */
@Component
public class CampaignEnginePlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<CampaignDispatcher> dispatcher;

    public CampaignEnginePlugin(ObjectProvider<CampaignDispatcher> dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        OwnJobHandler.register(configuration, SliceJobs.TYPE, slice -> { // "campaignId:seq"; the state is in its tables
            String[] parts = slice.split(":");
            dispatcher.getObject().slice(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
        });
    }
}
