-- Spring Modulith's event publication registry (spring-modulith-events-jdbc, its own layout): durable after-commit
-- duties, stored in the transaction that creates them and deleted once done (completion-mode: delete), so the rows
-- here are the duties outstanding. Today: the AI operator's answers (AiAnswerDue, a few ids). Portable SQL.
CREATE TABLE event_publication (
    id               UUID                     NOT NULL PRIMARY KEY,
    completion_date  TIMESTAMP WITH TIME ZONE,
    event_type       VARCHAR(512)             NOT NULL,
    listener_id      VARCHAR(512)             NOT NULL,
    publication_date TIMESTAMP WITH TIME ZONE NOT NULL,
    serialized_event VARCHAR(4000)            NOT NULL
);
CREATE INDEX event_publication_by_listener ON event_publication (listener_id);
CREATE INDEX event_publication_by_date ON event_publication (publication_date);
