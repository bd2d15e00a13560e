-- GET /scans/{id}/diff also compares the TLS scan (read with "tlsScan": true): its grade, and its
-- accepted protocols and weak suite classes as JSON arrays in the scan's order (TlsColumns in Java).
ALTER TABLE scan_results ADD COLUMN tls_grade text,        -- the ProbeResult's tlsScan.rating.grade
                         ADD COLUMN tls_protocols text,    -- tlsScan.protocols: null where no TLS scan was made
                         ADD COLUMN tls_weak text;         -- tlsScan.weak
