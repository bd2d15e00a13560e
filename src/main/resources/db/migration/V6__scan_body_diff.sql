-- GET /scans/{id}/diff also compares the page's title and body hash (read with "body": true).
ALTER TABLE scan_results ADD COLUMN title text,          -- the ProbeResult's body.title
                         ADD COLUMN body_sha256 text;    -- body.sha256: null where the body was not read
UPDATE scan_results SET title = result::jsonb #>> '{body,title}', body_sha256 = result::jsonb #>> '{body,sha256}'
    WHERE result LIKE '%"body":{%';   -- only rows with body facts; the others stay null
