package dev.replyflow.automation;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.clock.PlatformClock;
import dev.replyflow.messaging.InboundMessageReceived;
import dev.replyflow.settings.BusinessHours;
import dev.replyflow.settings.BusinessHoursSettings;

/**
 * Routes a stored, new customer message (DESIGN, data path): (1) it is the reply of every automation of the
 * contact waiting for one; else (2) a customer-message:&lt;phrase&gt; automation whose phrase equals the text
 * starts; else (3) outside business hours the holiday automation (on a holiday) or the non-working-hours one.
 * Runs after the message committed, so a routing failure never loses the message.
 */
@Component
public class InboundRouter {

    private static final Logger log = LoggerFactory.getLogger(InboundRouter.class);

    private final ReplyCorrelation replies;
    private final Triggers triggers;
    private final BusinessHoursSettings businessHours;
    private final PlatformClock clock;
    private final TransactionTemplate tx;
    private final LateReplies lateReplies;

    public InboundRouter(ReplyCorrelation replies, Triggers triggers, BusinessHoursSettings businessHours, PlatformClock clock,
            PlatformTransactionManager transactions, LateReplies lateReplies) {
        this.lateReplies = lateReplies;
        this.replies = replies;
        this.triggers = triggers;
        this.businessHours = businessHours;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    public enum Route { REPLY, PHRASE, HOLIDAY, NON_WORKING_HOURS, NONE }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void onCustomerMessage(InboundMessageReceived message) {
        try {
            route(message);
        } catch (RuntimeException e) {
            log.error("Routing of message {} from contact {} failed; it is stored in the chat", message.waMessageId(), message.contactId(), e);
        }
    }

    public Route route(InboundMessageReceived message) {
        if (replies.correlate(message) > 0) {
            return Route.REPLY;
        }
        Map<String, Object> variables = ReplyCorrelation.variables(message);
        return tx.execute(status -> {
            if (message.messageId() != null) {
                lateReplies.markIfLate(message.messageId(), message.contactId());
            }
            for (String candidate : new String[] {message.text(), message.payload()}) {
                String phrase = Triggers.phrase(candidate);
                if (!phrase.isEmpty()
                        && triggers.startByMessage(Triggers.CUSTOMER_MESSAGE + phrase, message.phone(), message.contactId(), variables)) {
                    return Route.PHRASE;
                }
            }
            BusinessHours hours = businessHours.current();
            if (hours.isHoliday(clock.instant())
                    && triggers.startByMessage("holiday", message.phone(), message.contactId(), variables)) {
                return Route.HOLIDAY;
            }
            if (!hours.isOpen(clock.instant())
                    && triggers.startByMessage("non-working-hours", message.phone(), message.contactId(), variables)) {
                return Route.NON_WORKING_HOURS;
            }
            return Route.NONE;
        });
    }
}
