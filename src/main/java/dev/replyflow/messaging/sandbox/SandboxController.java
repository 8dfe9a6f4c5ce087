package dev.replyflow.messaging.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.clock.DueTimers;
import dev.replyflow.clock.PlatformClock;
import dev.replyflow.contact.PhoneNumbers;
import dev.replyflow.messaging.Inbound;
import dev.replyflow.messaging.InboundMessages;
import dev.replyflow.messaging.InboundRoute;
import dev.replyflow.messaging.Message;
import dev.replyflow.web.ApiException;

/**
 * The analyst's playground (sandbox provider only; 404 with cloud-api): play a customer who writes or taps a
 * button, and move the platform clock forward to try a 24-hour automation in seconds.
 */
@RestController
@RequestMapping("/api/sandbox")
@ConditionalOnProperty(name = "replyflow.whatsapp.provider", havingValue = "sandbox", matchIfMissing = true)
public class SandboxController {

    private final InboundMessages inbound;
    private final PhoneNumbers phoneNumbers;
    private final PlatformClock clock;
    private final DueTimers dueTimers;
    private final InboundRoute route;

    public SandboxController(InboundMessages inbound, PhoneNumbers phoneNumbers, PlatformClock clock, DueTimers dueTimers,
            InboundRoute route) {
        this.route = route;
        this.inbound = inbound;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
        this.dueTimers = dueTimers;
    }

    public record InboundRequest(String from, String name, String text, String buttonPayload) {
    }

    /** A customer message, through the same pipeline as WhatsApp's webhook. */
    @PostMapping("/inbound")
    public ResponseEntity<Message> inbound(@RequestBody InboundRequest request) {
        String from;
        try {
            from = phoneNumbers.toE164(request.from());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("from", e.getMessage());
        }
        boolean button = request.buttonPayload() != null;
        if (!button && (request.text() == null || request.text().isBlank())) {
            throw ApiException.invalid("text", "A customer message needs a text (or a buttonPayload)");
        }
        Inbound message = new Inbound("wamid.sandbox.in." + UUID.randomUUID(), from, request.name(), clock.instant(),
                button ? "button" : "text", button && request.text() == null ? request.buttonPayload() : request.text(),
                request.buttonPayload());
        Message stored = inbound.receive(message).orElseThrow();
        route.routeNow(stored.getContactId(), stored.getId()); // at once, so the analyst sees the automation move
        return ResponseEntity.status(HttpStatus.CREATED).body(stored);
    }

    public record ClockRequest(String advance) {
    }

    public record ClockView(Instant now, int timersRun) {
    }

    /** Moves the platform clock (engine and billing) forward by an ISO-8601 duration and runs the timers now due. */
    @PostMapping("/clock")
    public ClockView advance(@RequestBody ClockRequest request) {
        Duration duration;
        try {
            duration = Duration.parse(request.advance());
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiException.invalid("advance", "advance is an ISO-8601 duration like PT25H or P2D");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw ApiException.invalid("advance", "The clock only moves forward");
        }
        Instant now;
        try {
            now = clock.advance(duration);
        } catch (IllegalArgumentException tooFar) {
            throw ApiException.invalid("advance", tooFar.getMessage());
        }
        return new ClockView(now, dueTimers.runNow());
    }
}
