package dev.replyflow.bench;

import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.replyflow.jobs.SharedCommitJobExecutor;

/** The settings a running job executor actually has, for the report (so that a mismatch shows). */
final class JobExecutors {

    private JobExecutors() {
    }

    static String describe(JobExecutor executor, String history) {
        String pool = "?";
        if (executor instanceof DefaultJobExecutor d) {
            pool = d.getCorePoolSize() + "/" + d.getMaxPoolSize() + "/" + d.getQueueSize();
        } else if (executor instanceof SpringJobExecutor s && s.getTaskExecutor() instanceof ThreadPoolTaskExecutor t) {
            pool = t.getCorePoolSize() + "/" + t.getMaxPoolSize() + "/" + t.getQueueCapacity();
        }
        return "job executor " + (executor.isActive() ? "active" : "INACTIVE") + ", threads core/max/queue " + pool
                + ", jobs per acquisition " + executor.getMaxJobsPerAcquisition() + ", wait " + executor.getWaitTimeInMillis()
                + " ms, max wait " + executor.getMaxWait() + " ms, lock " + executor.getLockTimeInMillis() + " ms, "
                + (executor instanceof SharedCommitJobExecutor s ? "up to " + s.jobsPerCommit() + " jobs per commit, " : "")
                + "history " + history;
    }
}
