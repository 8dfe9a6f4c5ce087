package dev.replyflow.campaign;

/** DRAFT until launched; SCHEDULED until its start; RUNNING while recipients are dispatched; then COMPLETED. */
public enum CampaignStatus {
    DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED;

    /** Launched and not finished: pause and cancel apply. */
    boolean active() {
        return this == SCHEDULED || this == RUNNING || this == PAUSED;
    }
}
