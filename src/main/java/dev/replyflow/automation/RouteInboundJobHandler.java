package dev.replyflow.automation;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.beans.factory.ObjectProvider;

/** Runs an inbound message's routing job (see InboundRouting) in the job executor's transaction. */
class RouteInboundJobHandler implements JobHandler<RouteInboundJobHandler.Target> {

    /** The contact and the message to route up to: "contactId:messageId". */
    record Target(long contactId, long messageId) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return contactId + ":" + messageId;
        }
    }

    private final ObjectProvider<InboundRouting> routing;

    RouteInboundJobHandler(ObjectProvider<InboundRouting> routing) {
        this.routing = routing;
    }

    @Override
    public String getType() {
        return InboundRouting.JOB_TYPE;
    }

    @Override
    public void execute(Target target, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
        routing.getObject().routePending(target.contactId(), target.messageId());
    }

    @Override
    public Target newConfiguration(String canonicalString) {
        String[] parts = canonicalString.split(":");
        return new Target(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    @Override
    public void onDelete(Target configuration, JobEntity jobEntity) {
        // nothing kept outside the job
    }
}
