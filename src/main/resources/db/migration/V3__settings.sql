-- Platform settings, one JSON document per name (business hours, …).
CREATE TABLE setting (
    name          VARCHAR(64)    PRIMARY KEY,
    setting_value VARCHAR(20000) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
