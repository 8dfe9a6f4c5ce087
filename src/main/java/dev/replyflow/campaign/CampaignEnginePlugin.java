package dev.replyflow.campaign;

import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import dev.replyflow.jobs.OwnJobHandler;

/** Registers the campaign slice jobs with the engine (the starter applies every ProcessEnginePlugin bean). */
@Component
public class CampaignEnginePlugin extends AbstractProcessEnginePlugin {

    private final Supplier<CampaignDispatcher> dispatcher; // resolved once: getObject() resolves anew each call

    public CampaignEnginePlugin(ObjectProvider<CampaignDispatcher> dispatcher) {
        this.dispatcher = SingletonSupplier.of(dispatcher::getObject);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        OwnJobHandler.register(configuration, SliceJobs.TYPE, slice -> { // "campaignId:seq"; the state is in its tables
            String[] parts = slice.split(":");
            dispatcher.get().slice(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
        });
    }
}
