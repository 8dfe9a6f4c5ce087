package dev.replyflow.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.ProcessEngineLogger;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.interceptor.ProcessDataContext;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.management.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.replyflow.commits.SharedCommits;

/**
 * Runs a batch of acquired jobs in one transaction, each job in its own engine command that joins it. When one fails
 * (its error, an optimistic-locking race), everything is rolled back and each job runs again alone, as Camunda runs
 * it: only the failing one has its retries counted down, its error kept and, in the end, an incident. Replyflow's own
 * jobs (routing, duties, campaign slices, hand-offs) always run alone: they are larger, or share commits their own way.
 * Jobs the batch's commit adds for the same process instances (the next async step) are run next by this thread, as
 * Camunda does.
 */
final class JobsInOneCommit implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(JobsInOneCommit.class);

    private final List<String> jobIds;
    private final ProcessEngineConfigurationImpl engine;
    private final JobExecutor jobExecutor;
    private final SharedCommits commits;

    JobsInOneCommit(List<String> jobIds, ProcessEngineImpl engine, JobExecutor jobExecutor, SharedCommits commits) {
        this.jobIds = jobIds;
        this.engine = engine.getProcessEngineConfiguration();
        this.jobExecutor = jobExecutor;
        this.commits = commits;
    }

    @Override
    public void run() {
        JobExecutorContext context = new JobExecutorContext();
        List<String> queue = context.getCurrentProcessorJobQueue();
        CommandExecutor commands = engine.getCommandExecutorTxRequired();
        queue.addAll(jobIds);
        Context.setJobExecutorContext(context);
        try {
            while (!queue.isEmpty()) {
                List<String> next = new ArrayList<>(queue);
                queue.clear();
                if (!jobExecutor.isActive()) { // shutting down: the jobs are left for the next acquisition
                    next.forEach(jobId -> unlock(jobId, commands));
                    continue;
                }
                together(next, commands).forEach(jobId -> alone(jobId, commands));
            }
            jobExecutor.jobWasAdded();
        } finally {
            Context.removeJobExecutorContext();
        }
    }

    /** Runs the jobs in one transaction. @return those still to run alone: all of them when it was rolled back */
    private List<String> together(List<String> batch, CommandExecutor commands) {
        if (batch.size() < 2) {
            return batch;
        }
        List<Supplier<Boolean>> units = batch.stream()
                .<Supplier<Boolean>>map(jobId -> () -> commands.execute(new UnlessOwn(jobId))).toList();
        List<Boolean> ran;
        try {
            ran = commits.inOneTransaction(units);
        } catch (RuntimeException | Error failed) {
            log.debug("Jobs {} rolled back together, each runs alone: {}", batch, failed.toString());
            return batch;
        } finally {
            new ProcessDataContext(engine).clearMdc();
        }
        List<String> alone = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!ran.get(i)) {
                alone.add(batch.get(i));
            }
        }
        if (engine.isMetricsEnabled()) { // what Camunda's SuccessfulJobListener counts, one command per job
            engine.getMetricsRegistry().markOccurrence(Metrics.JOB_SUCCESSFUL, batch.size() - alone.size());
        }
        return alone;
    }

    /** As Camunda runs a job: its own transaction, its failure recorded on it (retries, error, incident) and logged. */
    private void alone(String jobId, CommandExecutor commands) {
        JobFailureCollector failure = new JobFailureCollector(jobId);
        try {
            ExecuteJobHelper.executeJob(jobId, commands, failure, new ExecuteJobsCmd(jobId, failure), engine);
        } catch (Throwable e) {
            if (ProcessEngineLogger.shouldLogJobException(engine, failure.getJob())) {
                ExecuteJobHelper.LOGGING_HANDLER.exceptionWhileExecutingJob(jobId, e);
            }
        } finally {
            new ProcessDataContext(engine).clearMdc();
        }
    }

    private void unlock(String jobId, CommandExecutor commands) {
        try {
            commands.execute(new UnlockJobCmd(jobId));
        } catch (RuntimeException e) {
            log.warn("Could not unlock job {}: {}", jobId, e.toString());
        }
    }

    /** Camunda's execution of a job, unless it is one of Replyflow's own. @return whether it ran */
    private record UnlessOwn(String jobId) implements Command<Boolean> {
        @Override
        public Boolean execute(CommandContext context) {
            JobEntity job = context.getDbEntityManager().selectById(JobEntity.class, jobId); // cached for the command
            if (job != null && OwnJobHandler.isOwn(job.getJobHandlerType())) {
                return false;
            }
            new ExecuteJobsCmd(jobId, new JobFailureCollector(jobId)).execute(context);
            return true;
        }
    }
}
