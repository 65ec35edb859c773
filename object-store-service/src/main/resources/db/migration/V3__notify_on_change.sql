-- Every commit that writes change-log rows wakes the API servers' watchers (LISTEN
-- kubelite_changes) with the newest resourceVersion it drew; notifications are delivered at
-- commit, never for a rolled-back transaction.
CREATE FUNCTION notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('kubelite_changes', currval('resource_version_seq')::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER changes_notify
    AFTER INSERT ON changes
    FOR EACH STATEMENT
    EXECUTE FUNCTION notify_changes();
