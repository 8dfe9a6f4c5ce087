package dev.replyflow.messaging.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The templates of a name as sends read them, kept for {@code replyflow.templates.keep} (default 5 s): every send of
 * an automation or a campaign read its template's rows (6 % of an automation start's CPU). A change made on this node
 * ({@link TemplateService}) is seen by its next send; one made on another node within that time (a template Meta paused
 * meanwhile is refused by WhatsApp, and its charge refunded). The templates kept are read-only: nobody may change them.
 */
@Component
public class TemplatesToSend {

    private static final int NAMES = 1_000;

    private record Kept(List<Template> templates, long until) {
    }

    private final TemplateRepository templates;
    private final long keepNanos;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    TemplatesToSend(TemplateRepository templates, @Value("${replyflow.templates.keep:PT5S}") Duration keep) {
        this.templates = templates;
        this.keepNanos = keep.toNanos();
    }

    /** The templates named {@code name}, one per language, ordered by language; empty when there is none. */
    public List<Template> named(String name) {
        Kept found = kept.get(name);
        long now = System.nanoTime();
        if (found != null && found.until() - now > 0) {
            return found.templates();
        }
        List<Template> read = List.copyOf(templates.findToSend(name));
        if (keepNanos > 0 && !read.isEmpty()) { // a name not yet created is looked up again
            if (kept.size() >= NAMES) { // a bound, not a policy
                kept.clear();
            }
            kept.put(name, new Kept(read, now + keepNanos));
        }
        return read;
    }

    /** A template of this name changes in the caller's transaction: forgotten now and once it committed. */
    void forget(String name) {
        kept.remove(name);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    kept.remove(name);
                }
            });
        }
    }
}
