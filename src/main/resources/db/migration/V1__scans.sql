-- Scans, their targets, the chunks workers claim, and one result per target.
CREATE TABLE scans (
    id          uuid PRIMARY KEY,
    name        text,
    options     text NOT NULL,                 -- the POST /probe options as submitted (JSON)
    state       text NOT NULL,                 -- queued, running, done, cancelled
    total       integer NOT NULL,
    done        integer NOT NULL DEFAULT 0,    -- also the position of the latest stored result
    ok          integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    started_at  timestamptz,
    finished_at timestamptz
);
CREATE INDEX scans_newest ON scans (created_at DESC, id);

CREATE TABLE scan_targets (
    scan_id uuid NOT NULL,
    seq     integer NOT NULL,                  -- place in the submitted list, from 0
    host    text NOT NULL,
    target  text NOT NULL,
    PRIMARY KEY (scan_id, seq)
);
CREATE INDEX scan_targets_by_host ON scan_targets (scan_id, host);

-- Every host of a scan belongs to exactly one chunk: one host is fetched by one worker at a time.
CREATE TABLE scan_hosts (
    scan_id uuid NOT NULL,
    host    text NOT NULL,
    chunk   integer NOT NULL,
    PRIMARY KEY (scan_id, host)
);
CREATE INDEX scan_hosts_by_chunk ON scan_hosts (scan_id, chunk);

CREATE TABLE scan_chunks (
    scan_id     uuid NOT NULL,
    chunk       integer NOT NULL,
    done        boolean NOT NULL DEFAULT false,
    owner       text,                          -- the worker that holds the lease
    lease_until timestamptz,
    claims      integer NOT NULL DEFAULT 0,    -- more than 1: a worker died or gave up on it
    PRIMARY KEY (scan_id, chunk)
);
CREATE INDEX scan_chunks_open ON scan_chunks (scan_id, chunk) WHERE NOT done;

CREATE TABLE scan_results (
    scan_id   uuid NOT NULL,
    position  bigint NOT NULL,                 -- 1, 2, ... in commit order: the results cursor
    seq       integer NOT NULL,
    target    text NOT NULL,
    url       text,
    ok        boolean NOT NULL,
    status    integer,
    error     text,
    grade     text,
    total_ms  double precision,
    result    text NOT NULL,                   -- the ProbeResult as JSON
    PRIMARY KEY (scan_id, position),
    UNIQUE (scan_id, seq)                      -- exactly one result per target, whatever the workers do
);
