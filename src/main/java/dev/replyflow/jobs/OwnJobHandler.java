package dev.replyflow.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * A job type of Replyflow's own (no BPMN activity behind it): its configuration is the text the job was created with
 * ("contactId:messageId", a delivery id …), handed to the action in the job executor's transaction. What the job
 * stands for lives in Replyflow's tables, so deleting a job deletes nothing else.
 */
public final class OwnJobHandler implements JobHandler<OwnJobHandler.Text> {

    record Text(String value) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return value;
        }
    }

    private static final java.util.Set<String> TYPES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final String type;
    private final Consumer<String> action;

    private OwnJobHandler(String type, Consumer<String> action) {
        this.type = type;
        this.action = action;
    }

    /** Adds a handler of {@code type} to the engine's custom job handlers (from a plugin's preInit). */
    @SuppressWarnings("rawtypes")
    public static void register(ProcessEngineConfigurationImpl configuration, String type, Consumer<String> action) {
        List<JobHandler> handlers = configuration.getCustomJobHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomJobHandlers());
        handlers.add(new OwnJobHandler(type, action));
        TYPES.add(type);
        configuration.setCustomJobHandlers(handlers);
    }

    /** A job type registered here (a job of a process has another: its activity's). */
    public static boolean isOwn(String type) {
        return type != null && TYPES.contains(type);
    }

    /**
     * Creates a job of {@code type} in the caller's transaction (the engine joins it), due at once or at {@code due};
     * it commits, or rolls back, with what it stands for.
     * @return the job's id
     */
    public static String send(ProcessEngineConfigurationImpl engine, String type, String configuration, Instant due) {
        return engine.getCommandExecutorTxRequired().execute(context -> {
            MessageEntity job = new MessageEntity();
            job.setJobHandlerType(type);
            job.setJobHandlerConfigurationRaw(configuration);
            // due now on the engine's clock when not later: acquisition finds only jobs with a due date (JobDueDateIndex)
            job.setDuedate(due != null ? Date.from(due) : ClockUtil.getCurrentTime());
            context.getJobManager().send(job);
            return job.getId(); // given at insert
        });
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public void execute(Text configuration, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
        action.accept(configuration.value());
    }

    @Override
    public Text newConfiguration(String canonicalString) {
        return new Text(canonicalString);
    }

    @Override
    public void onDelete(Text configuration, JobEntity jobEntity) {
        // nothing kept outside the job
    }
}
