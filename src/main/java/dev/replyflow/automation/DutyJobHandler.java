package dev.replyflow.automation;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.beans.factory.ObjectProvider;

/** Runs a duty's job (see Duties) in the job executor's transaction. */
class DutyJobHandler implements JobHandler<DutyJobHandler.Configuration> {

    record Configuration(String raw) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return raw;
        }
    }

    private final ObjectProvider<Duties> duties;

    DutyJobHandler(ObjectProvider<Duties> duties) {
        this.duties = duties;
    }

    @Override
    public String getType() {
        return Duties.JOB_TYPE;
    }

    @Override
    public void execute(Configuration configuration, ExecutionEntity execution, CommandContext commandContext,
            String tenantId) {
        duties.getObject().perform(configuration.raw());
    }

    @Override
    public Configuration newConfiguration(String canonicalString) {
        return new Configuration(canonicalString);
    }

    @Override
    public void onDelete(Configuration configuration, JobEntity jobEntity) {
        // nothing kept outside the job
    }
}
