package dev.replyflow.delivery;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.beans.factory.ObjectProvider;

/** Runs a stored delivery's hand-off (see HandOffs) in the job executor's transaction. */
class HandOffJobHandler implements JobHandler<HandOffJobHandler.Delivery> {

    /** The stored delivery: its webhook_delivery id. */
    record Delivery(long id) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return String.valueOf(id);
        }
    }

    private final ObjectProvider<HandOffs> handOffs;

    HandOffJobHandler(ObjectProvider<HandOffs> handOffs) {
        this.handOffs = handOffs;
    }

    @Override
    public String getType() {
        return HandOffs.JOB_TYPE;
    }

    @Override
    public void execute(Delivery delivery, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
        handOffs.getObject().run(delivery.id());
    }

    @Override
    public Delivery newConfiguration(String canonicalString) {
        return new Delivery(Long.parseLong(canonicalString));
    }

    @Override
    public void onDelete(Delivery delivery, JobEntity jobEntity) {
        // the delivery's row is deleted by its hand-off, or with its contact
    }
}
