-- When a worker last claimed a chunk of each scan: claims take turns by client, then by scan.
ALTER TABLE scans ADD COLUMN last_claimed_at timestamptz;
