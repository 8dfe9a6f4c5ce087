package dev.replyflow.automation.outbound;

/** A call that must not be made or whose answer retrying would not change: the step's webhook-failed error. */
class WebhookRefusedException extends RuntimeException {

    WebhookRefusedException(String message) {
        super(message);
    }
}
