package dev.replyflow.jobs;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;

/**
 * Camunda's acquisition, its batches (one job each, or the exclusive jobs of one process instance) then put together
 * into batches of up to {@code jobsPerCommit} jobs, each run by one thread in one transaction. The jobs of one process
 * instance stay in one batch, in their order, so no two of them run at once.
 */
record AcquiredTogether(AcquireJobsCmd acquisition, int jobsPerCommit) implements Command<AcquiredJobs> {

    @Override
    public AcquiredJobs execute(CommandContext context) {
        AcquiredJobs acquired = acquisition.execute(context);
        join(acquired.getJobIdBatches(), jobsPerCommit);
        return acquired; // a job another node locked first is still taken out of its batch at the flush
    }

    /** Replaces {@code batches} by their concatenation into batches of up to {@code size} jobs (a larger one stays whole). */
    static void join(List<List<String>> batches, int size) {
        List<List<String>> joined = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (List<String> batch : batches) {
            if (!current.isEmpty() && current.size() + batch.size() > size) {
                joined.add(current);
                current = new ArrayList<>();
            }
            current.addAll(batch);
        }
        if (!current.isEmpty()) {
            joined.add(current);
        }
        batches.clear();
        batches.addAll(joined);
    }
}
