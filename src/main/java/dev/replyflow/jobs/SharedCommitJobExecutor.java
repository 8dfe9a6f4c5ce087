package dev.replyflow.jobs;

import java.util.List;

import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.core.task.TaskExecutor;

import dev.replyflow.commits.SharedCommits;

/**
 * The engine's job executor, with the jobs one acquisition brings run several to a commit: due No Response timers,
 * async steps. Camunda runs each job in a transaction of its own, and a commit is the dearest part of a short job: on H2
 * about 60 % of a No Response timer's CPU went into writing its commit's pages, on PostgreSQL each commit waits for the
 * log to be flushed. Here the acquired jobs are put together up to {@code replyflow.shared-commits.jobs} and run in one
 * transaction; when one of them fails, that transaction is rolled back and each runs again alone, with the engine's
 * own retries and incidents ({@link JobsInOneCommit}). A lone job runs as Camunda runs it.
 */
public class SharedCommitJobExecutor extends SpringJobExecutor {

    private final SharedCommits commits;
    private final int jobsPerCommit;

    SharedCommitJobExecutor(TaskExecutor threads, SharedCommits commits, int jobsPerCommit) {
        this.commits = commits;
        this.jobsPerCommit = Math.max(1, jobsPerCommit);
        setTaskExecutor(threads);
        setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler()); // as the Spring Boot starter's
        setAcquireJobsCmdFactory(count -> new AcquiredTogether(new AcquireJobsCmd(this, count), this.jobsPerCommit));
    }

    /** At most this many jobs share a commit. */
    public int jobsPerCommit() {
        return jobsPerCommit;
    }

    @Override
    public Runnable getExecuteJobsRunnable(List<String> jobIds, ProcessEngineImpl engine) {
        return jobIds.size() > 1 ? new JobsInOneCommit(jobIds, engine, this, commits) : super.getExecuteJobsRunnable(jobIds, engine);
    }
}
