package dev.replyflow.campaign;

import java.time.Instant;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import dev.replyflow.jobs.OwnJobHandler;

/**
 * Schedules a campaign's next slice as an engine job with a due date, in the caller's transaction: the job commits
 * with the state change that asks for it (a launch, a resume, the previous slice), or not at all. The engine's job
 * executor then runs it on one node of the cluster (its lock), retries it when it fails and shows it in Cockpit.
 */
@Component
class SliceJobs {

    static final String TYPE = "replyflow-campaign-slice";

    private final Supplier<ProcessEngineConfigurationImpl> engine; // resolved once: getObject() resolves anew each call

    SliceJobs(ObjectProvider<ProcessEngineConfigurationImpl> engine) {
        this.engine = SingletonSupplier.of(engine::getObject);
    }

    void schedule(long campaignId, int seq, Instant due) {
        OwnJobHandler.send(engine.get(), TYPE, campaignId + ":" + seq, due);
    }
}
