-- A statement that writes no change-log row (an update that found its resourceVersion stale, a
-- create whose name was taken) still fires a statement-level trigger; it must then stay silent,
-- and it must not depend on the session having drawn a resourceVersion. The newest
-- resourceVersion the statement wrote is taken from its transition table instead of currval.
CREATE OR REPLACE FUNCTION notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    newest BIGINT;
BEGIN
    SELECT max(resource_version) INTO newest FROM written;
    IF newest IS NOT NULL THEN
        PERFORM pg_notify('kubelite_changes', newest::text);
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER changes_notify ON changes;

CREATE TRIGGER changes_notify
    AFTER INSERT ON changes
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT
    EXECUTE FUNCTION notify_changes();
