package dev.replyflow.automation.ai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The AI operator's outstanding answers (their duty still in the event publication registry): listed for admins, and
 * handed to the workers again every {@code replyflow.ai.retry-interval} once that old, unless this node has them in
 * hand. Another node may be answering one at that moment: the answer's key keeps it to one (AiOperatorReplies).
 */
@Component
class AiAnswerRetries {

    private static final Logger log = LoggerFactory.getLogger(AiAnswerRetries.class);
    private static final int LISTED = 1000;

    record Outstanding(Long messageId, Long contactId, String waMessageId, Instant since) {
    }

    private final IncompleteEventPublications publications;
    private final EventPublicationRegistry registry;
    private final AiOperatorReplies replies;
    private final Clock clock;
    private final Duration interval;

    AiAnswerRetries(IncompleteEventPublications publications, EventPublicationRegistry registry, AiOperatorReplies replies,
            Clock clock, @Value("${replyflow.ai.retry-interval:PT30S}") Duration interval) {
        this.publications = publications;
        this.registry = registry;
        this.replies = replies;
        this.clock = clock;
        this.interval = interval;
    }

    @Scheduled(initialDelayString = "${replyflow.ai.retry-interval:PT30S}",
            fixedDelayString = "${replyflow.ai.retry-interval:PT30S}")
    void retryOutstanding() {
        try {
            int retried = retry(interval);
            if (retried > 0) {
                log.info("Asked again for {} AI operator answer(s) still outstanding", retried);
            }
        } catch (RuntimeException e) {
            log.warn("Looking for outstanding AI operator answers failed; trying again later", e);
        }
    }

    /** @return how many outstanding answers, published at least {@code age} ago, went to the workers again */
    int retry(Duration age) {
        Instant before = clock.instant().minus(age);
        AtomicInteger retried = new AtomicInteger();
        publications.resubmitIncompletePublications(publication -> publication.getEvent() instanceof AiAnswerDue due
                && !publication.getPublicationDate().isAfter(before) && replies.take(due.messageId())
                && retried.incrementAndGet() > 0);
        return retried.get();
    }

    List<Outstanding> outstanding() {
        return registry.findIncompletePublications().stream()
                .filter(publication -> publication.getEvent() instanceof AiAnswerDue)
                .sorted(Comparator.comparing(publication -> publication.getPublicationDate())).limit(LISTED)
                .map(publication -> {
                    AiAnswerDue due = (AiAnswerDue) publication.getEvent();
                    return new Outstanding(due.messageId(), due.contactId(), due.waMessageId(),
                            publication.getPublicationDate());
                }).toList();
    }
}
