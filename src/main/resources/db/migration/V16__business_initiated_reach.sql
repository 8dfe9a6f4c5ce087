-- WhatsApp's messaging limit counts unique contacts sent a business-initiated message (a template outside their 24h
-- customer service window) in the rolling 24 hours, by any sender: automations, the API, campaigns. Each contact keeps
-- when that last happened (messaging's BusinessInitiatedReach writes it with the message), as it keeps last_inbound_at.
ALTER TABLE contact ADD COLUMN business_initiated_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX contact_business_initiated ON contact (business_initiated_at);

-- the last day's templates sent outside the contact's window, so the rolling 24 hours are right from the upgrade on
UPDATE contact SET business_initiated_at = (
    SELECT MAX(m.created_at) FROM message m
    WHERE m.contact_id = contact.id AND m.direction = 'OUTBOUND' AND m.template IS NOT NULL AND m.status <> 'FAILED'
      AND m.created_at > CURRENT_TIMESTAMP - INTERVAL '1' DAY
      AND NOT EXISTS (SELECT 1 FROM message i WHERE i.contact_id = m.contact_id AND i.direction = 'INBOUND'
                      AND i.created_at <= m.created_at AND i.created_at > m.created_at - INTERVAL '1' DAY))
WHERE id IN (SELECT m.contact_id FROM message m WHERE m.direction = 'OUTBOUND' AND m.template IS NOT NULL
             AND m.created_at > CURRENT_TIMESTAMP - INTERVAL '1' DAY);
