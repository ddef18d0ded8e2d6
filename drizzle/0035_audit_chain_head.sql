-- Locks the audit chain to the end of the transaction and returns its head, in one statement. A
-- volatile PL/pgSQL function takes a new snapshot for each statement it runs, so the head is read
-- after the lock is held, as it was when these were two statements: no two writers read one head.
CREATE FUNCTION audit_chain_head(lock_key bigint) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1);
END
$$;
