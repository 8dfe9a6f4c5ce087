package dev.replyflow.delivery;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.replyflow.jobs.OwnJobHandler;

/** Registers the hand-off jobs of stored deliveries (their webhook_delivery id) with the engine. */
@Component
class DeliveryEnginePlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<HandOffs> handOffs;

    DeliveryEnginePlugin(ObjectProvider<HandOffs> handOffs) {
        this.handOffs = handOffs;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        OwnJobHandler.register(configuration, HandOffs.JOB_TYPE, id -> handOffs.getObject().run(Long.parseLong(id)));
    }
}
