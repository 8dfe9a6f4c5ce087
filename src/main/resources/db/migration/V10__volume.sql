-- Volume and durability: outbound messages sent by a sender pool after their record commits, inbound messages routed
-- by engine jobs, and a wallet split into lanes so that concurrent charges do not queue on one row.

-- what the sender pool needs to send (again, after a restart) a message recorded in an engine transaction
ALTER TABLE message ADD COLUMN send_request VARCHAR(100000);
-- a PENDING message whose outcome is not known by then is picked up again (after WhatsApp's statuses had their chance)
ALTER TABLE message ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX message_next_attempt ON message (next_attempt_at);
-- the automation instance that sent it (Send Message step), for incidents and campaign results
ALTER TABLE message ADD COLUMN process_instance_id VARCHAR(64);
-- an inbound message stored but not yet routed (its routing job is pending or failing)
ALTER TABLE message ADD COLUMN unrouted BOOLEAN DEFAULT FALSE NOT NULL;

-- what WhatsApp sends is stored whole
ALTER TABLE message ALTER COLUMN text SET DATA TYPE VARCHAR(65536);
ALTER TABLE message ALTER COLUMN payload SET DATA TYPE VARCHAR(8000);
ALTER TABLE message ALTER COLUMN wa_message_id SET DATA TYPE VARCHAR(1000);

-- The wallet's credit, spread over lanes: a charge takes from one lane (chosen by contact), so concurrent sends lock
-- different rows; the balance is their sum. wallet.balance is no longer used.
CREATE TABLE wallet_lane (
    lane     INTEGER PRIMARY KEY,
    balance  DECIMAL(14, 4) NOT NULL
);
INSERT INTO wallet_lane (lane, balance) SELECT 0, COALESCE((SELECT balance FROM wallet WHERE id = 1), 0);
UPDATE wallet SET balance = 0;
