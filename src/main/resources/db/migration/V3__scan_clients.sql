-- Who submitted each scan (an API key's fingerprint, else an address), for per-client limits.
-- Scans from before this version belong to no client and count for nobody.
ALTER TABLE scans ADD COLUMN client text;
CREATE INDEX scans_by_client ON scans (client, created_at);
