package dev.replyflow.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import dev.replyflow.jobs.OwnJobHandler;

/**
 * Plugs Replyflow's deploy-time checks of automations, the loop guard, the inbound routing and duty jobs and the retry cycle of
 * Replyflow's own jobs into the engine.
 */
@Component
public class AutomationEnginePlugin extends AbstractProcessEnginePlugin {

    private final int maxVisits;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final LateReplies lateReplies;
    private final Supplier<InboundRouting> routing; // resolved once: getObject() resolves anew each call
    private final Supplier<Duties> duties;

    public AutomationEnginePlugin(@Value("${replyflow.automation.max-visits:100}") int maxVisits,
            org.springframework.jdbc.core.JdbcTemplate jdbc, LateReplies lateReplies, ObjectProvider<InboundRouting> routing,
            ObjectProvider<Duties> duties) {
        this.duties = SingletonSupplier.of(duties::getObject);
        this.maxVisits = maxVisits;
        this.jdbc = jdbc;
        this.lateReplies = lateReplies;
        this.routing = SingletonSupplier.of(routing::getObject);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        listeners.add(new StepValidator());
        listeners.add(new LoopGuard(maxVisits));
        listeners.add(new CustomerResponseListeners(new EarlyReplies(jdbc), lateReplies));
        configuration.setCustomPreBPMNParseListeners(listeners);
        OwnJobHandler.register(configuration, InboundRouting.JOB_TYPE, target -> { // "contactId:messageId"
            String[] ids = target.split(":");
            routing.get().routeDue(Long.valueOf(ids[0]), Long.valueOf(ids[1]));
        });
        OwnJobHandler.register(configuration, Duties.JOB_TYPE, duty -> duties.get().perform(duty));
        configuration.setFailedJobCommandFactory(new OwnJobRetries());
    }
}
