package dev.replyflow.delivery;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Registers the hand-off job handler of stored deliveries with the engine. */
@Component
class DeliveryEnginePlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<HandOffs> handOffs;

    DeliveryEnginePlugin(ObjectProvider<HandOffs> handOffs) {
        this.handOffs = handOffs;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<JobHandler> handlers = configuration.getCustomJobHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomJobHandlers());
        handlers.add(new HandOffJobHandler(handOffs));
        configuration.setCustomJobHandlers(handlers);
    }
}
