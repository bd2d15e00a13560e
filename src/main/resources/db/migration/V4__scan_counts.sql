-- GET /scans/{id}'s byStatus, byError and byGrade, kept up to date by the transaction that completes a
-- chunk instead of counted over all results on every read.
CREATE TABLE scan_counts (
    scan_id uuid NOT NULL,
    kind    text NOT NULL,                     -- status, error or grade
    key     text NOT NULL,                     -- e.g. 204, CONNECT_FAILED, B+
    n       bigint NOT NULL,
    PRIMARY KEY (scan_id, kind, key)
);
INSERT INTO scan_counts (scan_id, kind, key, n)
SELECT scan_id, 'status', status::text, count(*) FROM scan_results WHERE status IS NOT NULL GROUP BY scan_id, status
UNION ALL SELECT scan_id, 'error', error, count(*) FROM scan_results WHERE error IS NOT NULL GROUP BY scan_id, error
UNION ALL SELECT scan_id, 'grade', grade, count(*) FROM scan_results WHERE grade IS NOT NULL GROUP BY scan_id, grade;
