package dev.replyflow.campaign;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.replyflow.jobs.EngineJobs;

/**
 * Schedules a campaign's next slice as an engine job with a due date, in the caller's transaction: the job commits
 * with the state change that asks for it (a launch, a resume, the previous slice), or not at all. The engine's job
 * executor then runs it on one node of the cluster (its lock), retries it when it fails and shows it in Cockpit.
 */
@Component
class SliceJobs {

    static final String TYPE = "replyflow-campaign-slice";

    private final EngineJobs jobs;

    SliceJobs(EngineJobs jobs) {
        this.jobs = jobs;
    }

    void schedule(long campaignId, int seq, Instant due) {
        jobs.send(TYPE, campaignId + ":" + seq, due);
    }
}
