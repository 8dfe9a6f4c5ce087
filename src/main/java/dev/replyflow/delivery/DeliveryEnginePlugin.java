package dev.replyflow.delivery;

import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import dev.replyflow.jobs.OwnJobHandler;

/** Registers the hand-off jobs of stored deliveries (their webhook_delivery id) with the engine. */
@Component
class DeliveryEnginePlugin extends AbstractProcessEnginePlugin {

    private final Supplier<HandOffs> handOffs; // resolved once: getObject() resolves anew each call

    DeliveryEnginePlugin(ObjectProvider<HandOffs> handOffs) {
        this.handOffs = SingletonSupplier.of(handOffs::getObject);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        OwnJobHandler.register(configuration, HandOffs.JOB_TYPE, id -> handOffs.get().run(Long.parseLong(id)));
    }
}
