package dev.replyflow.campaign;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.beans.factory.ObjectProvider;

/** Runs one slice of a campaign's dispatch (CampaignDispatcher) in the job executor's transaction. */
class CampaignSliceJobHandler implements JobHandler<CampaignSliceJobHandler.Slice> {

    /** The campaign and the slice's number: "campaignId:seq". */
    record Slice(long campaignId, int seq) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return campaignId + ":" + seq;
        }
    }

    private final ObjectProvider<CampaignDispatcher> dispatcher;

    CampaignSliceJobHandler(ObjectProvider<CampaignDispatcher> dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public String getType() {
        return SliceJobs.TYPE;
    }

    @Override
    public void execute(Slice slice, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
        dispatcher.getObject().slice(slice.campaignId(), slice.seq());
    }

    @Override
    public Slice newConfiguration(String canonicalString) {
        String[] parts = canonicalString.split(":");
        return new Slice(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
    }

    @Override
    public void onDelete(Slice configuration, JobEntity jobEntity) {
        // the campaign's state lives in its tables, not in the job
    }
}
