-- Twilio voice webhook events already handled: Twilio's retries of a call event start no automation again.
-- event: incoming, missed or completed (the voice:<event> automations it started).
CREATE TABLE voice_event (
    call_sid     VARCHAR(64)  NOT NULL,
    event        VARCHAR(20)  NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (call_sid, event)
);
