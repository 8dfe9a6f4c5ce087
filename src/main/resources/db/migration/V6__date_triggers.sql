-- Date condition triggers (signal start events date:<field>:<match>:<offset>@<HH:mm>): which contact each
-- trigger fired for, on which date. The primary key makes it once per contact, trigger and date across restarts
-- and nodes: the row is inserted in the transaction that starts the automations, and a node that finds it
-- already there skips the contact. Portable SQL: the same script runs on H2 (default) and PostgreSQL.

CREATE TABLE date_trigger_fired (
    trigger_name  VARCHAR(300) NOT NULL,
    contact_id    BIGINT       NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    fire_date     DATE         NOT NULL,
    fired_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (trigger_name, contact_id, fire_date)
);
CREATE INDEX date_trigger_fired_contact ON date_trigger_fired (contact_id);
