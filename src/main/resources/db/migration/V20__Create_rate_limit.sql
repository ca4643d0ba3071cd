-- Request counters of the API's rate limit, shared by every replica: one row per caller (an API
-- token's id, or a user's id for dashboard-session calls) with the start of its current window.
-- Unlogged: counting writes no WAL, so a request never waits for a disk flush; after a crash the
-- counters start again from zero, which only forgives some requests.
create unlogged table rate_limit (
    caller_id    uuid primary key,
    window_start timestamp(6) with time zone not null,
    used         integer not null
);
