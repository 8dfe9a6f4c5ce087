-- A reply that comes after its automation's No Response timer is kept and marked late, visible on the contact.
ALTER TABLE message ADD COLUMN late BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE contact ADD COLUMN reply_window_closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE contact ADD COLUMN last_late_reply_at TIMESTAMP WITH TIME ZONE;
