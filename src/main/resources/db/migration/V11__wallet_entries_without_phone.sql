-- Wallet entries outlive a permanently deleted contact: their descriptions no longer carry the phone
-- ("Marketing conversation with +39…" becomes "Marketing conversation"); contact_id still links a live contact.
UPDATE wallet_entry SET description = REGEXP_REPLACE(description, ' with \+[0-9]+$', '') WHERE description LIKE '% with +%';
