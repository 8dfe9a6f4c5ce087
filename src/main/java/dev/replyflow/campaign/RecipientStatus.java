package dev.replyflow.campaign;

/** A campaign recipient: EXCLUDED (with a reason) or QUEUED at launch; QUEUED → DISPATCHED once, or CANCELLED. */
enum RecipientStatus { EXCLUDED, QUEUED, DISPATCHED, CANCELLED }
