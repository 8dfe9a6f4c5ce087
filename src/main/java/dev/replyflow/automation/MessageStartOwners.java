package dev.replyflow.automation;

import java.util.Optional;

import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/**
 * Which deployed automation already starts on a message: the engine allows one per message name and otherwise
 * fails the deployment with an internal error (ENGINE-01011); the validator names the owner instead.
 */
final class MessageStartOwners {

    private MessageStartOwners() {
    }

    /** @return the key of another automation that owns this message start, during a deployment only */
    static Optional<String> otherOwner(String messageName, String processKey) {
        CommandContext context = Context.getCommandContext();
        // a definition parsed again into the cache (not a new deployment) is never refused
        if (context == null || Context.getCommandInvocationContext() == null
                || !(Context.getCommandInvocationContext().getCommand() instanceof DeployCmd)) {
            return Optional.empty();
        }
        for (EventSubscriptionEntity subscription : context.getEventSubscriptionManager()
                .findMessageStartEventSubscriptionByName(messageName)) {
            ProcessDefinitionEntity owner = context.getProcessDefinitionManager()
                    .findLatestDefinitionById(subscription.getConfiguration());
            if (owner != null && !owner.getKey().equals(processKey)) {
                return Optional.of(owner.getKey());
            }
        }
        return Optional.empty();
    }
}
