package dev.replyflow.automation;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.replyflow.messaging.OutboundMessageFailed;

/**
 * A Send Message step's message that WhatsApp refused for good (after the step had moved on) raises an incident of
 * type {@value #TYPE} on its instance, in the transaction that fails and refunds it: admins see it in Cockpit with
 * WhatsApp's reason, next to where the instance waits now.
 */
@Component
class SendFailedIncidents {

    static final String TYPE = "sendFailed";

    private final RuntimeService runtime;

    SendFailedIncidents(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void onFailed(OutboundMessageFailed failed) {
        if (failed.processInstanceId() == null) {
            return;
        }
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(failed.processInstanceId())
                .singleResult();
        if (instance == null) {
            return; // it ended meanwhile: the failed message in the chat says it all
        }
        runtime.createIncident(TYPE, instance.getId(), String.valueOf(failed.messageId()), "Send Message: WhatsApp refused "
                + "message " + failed.messageId() + (failed.errorCode() == null ? "" : " (code " + failed.errorCode() + ")")
                + ": " + failed.reason());
    }
}
