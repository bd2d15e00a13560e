-- GET /scans/{id}/diff: a join of two scans' results on target, comparing TLS days left by bucket.
ALTER TABLE scan_results ADD COLUMN tls_days_left integer;   -- the ProbeResult's tls.daysLeft
UPDATE scan_results SET tls_days_left = (result::jsonb #>> '{tls,daysLeft}')::integer;
CREATE INDEX scan_results_by_target ON scan_results (scan_id, target, seq);

-- The same buckets as ResultSummary.tlsDaysLeftBucket in Java.
CREATE FUNCTION tls_days_left_bucket(days integer) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN days IS NULL THEN 'none' WHEN days < 0 THEN 'expired'
                WHEN days < 7 THEN '<7' WHEN days < 30 THEN '<30' ELSE '>=30' END
$$;
