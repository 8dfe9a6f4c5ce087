package dev.replyflow.automation;

import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ParseUtil;

/**
 * Replyflow's own jobs (replyflow-route-inbound, replyflow-hand-off, …) wait between attempts as steps do, on the
 * engine's failedJobRetryTimeCycle: Camunda applies that cycle only to jobs of an activity, and would retry a job of
 * ours three times at once and give up within a second of an outage.
 */
class OwnJobRetries implements FailedJobCommandFactory {

    static final String PREFIX = "replyflow-";

    @Override
    public Command<Object> getCommand(String jobId, Throwable exception) {
        return new Retry(jobId, exception);
    }

    private static final class Retry extends DefaultJobRetryCmd {

        Retry(String jobId, Throwable exception) {
            super(jobId, exception);
        }

        @Override
        public Object execute(CommandContext context) {
            JobEntity job = getJob();
            String cycle = context.getProcessEngineConfiguration().getFailedJobRetryTimeCycle();
            if (job == null || job.getJobHandlerType() == null || !job.getJobHandlerType().startsWith(PREFIX) || cycle == null
                    || cycle.isBlank()) {
                return super.execute(context);
            }
            FailedJobRetryConfiguration retries = ParseUtil.parseRetryIntervals(cycle);
            boolean first = isFirstJobExecution(job);
            logException(job);
            if (first) {
                initializeRetries(job, retries.getRetries());
            }
            // the first failure waits the first interval, the next ones the following, the last one repeated
            List<String> intervals = retries.getRetryIntervals();
            int index = Math.max(0, Math.min(intervals.size() - 1, intervals.size() - (job.getRetries() - 1)));
            try {
                job.setDuedate(getDurationHelper(intervals.get(index)).getDateAfter());
            } catch (Exception e) {
                throw new IllegalStateException("failedJobRetryTimeCycle " + cycle + " cannot be read", e);
            }
            job.unlock();
            decrementRetries(job);
            notifyAcquisition(context);
            return null;
        }
    }
}
