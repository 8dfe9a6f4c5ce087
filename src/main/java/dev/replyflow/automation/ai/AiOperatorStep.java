package dev.replyflow.automation.ai;

import java.time.Clock;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.steps.ContactStep;
import dev.replyflow.contact.ContactRepository;

/**
 * The AI Operator step: assigns the virtual operator, with the step's settings, to the contact's chat; from then
 * on {@link AiOperatorReplies} answers the contact's messages. The step itself sends nothing, so it needs no
 * asyncBefore. Assigning again replaces the settings.
 */
@Component(AiSteps.BEAN)
class AiOperatorStep extends ContactStep {

    private final AiOperatorAssignments assignments;
    private final IdentityService identity;
    private final Clock clock;

    AiOperatorStep(ContactRepository repository, AiOperatorAssignments assignments, IdentityService identity, Clock clock) {
        super(repository);
        this.assignments = assignments;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    protected void execute(DelegateExecution execution, Long contactId) {
        String where = AiSteps.AI_OPERATOR.name() + " '" + execution.getCurrentActivityId() + "': ";
        AiSettings settings;
        try {
            settings = AiSettings.of(lines(execution, "knowledgeBase"), lines(execution, "handoverKeywords"),
                    text(execution, "minConfidence"), lines(execution, "operators"));
        } catch (IllegalArgumentException e) {
            throw new BpmnError(AiSteps.INVALID_SETTINGS, where + e.getMessage());
        }
        // now rather than at the handover, when nobody would see the mistake
        for (String operator : settings.operators()) {
            if (identity.createUserQuery().userId(operator).count() == 0) {
                throw new BpmnError(AiSteps.UNKNOWN_OPERATOR, where + "no user named '" + operator + "'");
            }
        }
        assignments.assign(contactId, settings, clock.instant());
    }
}
