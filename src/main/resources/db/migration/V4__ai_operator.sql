-- The AI Operator step: the virtual operator assigned to a contact's chat, with the settings it answers by.
-- One per contact; the row goes when it hands the chat over to people, or with the contact (its settings are
-- the contact's data: they may name it).
CREATE TABLE ai_operator (
    contact_id        BIGINT PRIMARY KEY REFERENCES contact (id) ON DELETE CASCADE,
    -- lines "question keywords => answer"
    knowledge_base    VARCHAR(100000),
    -- one item per line
    handover_keywords VARCHAR(4000)    NOT NULL,
    min_confidence    DOUBLE PRECISION NOT NULL,
    operators         VARCHAR(4000),
    assigned_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
