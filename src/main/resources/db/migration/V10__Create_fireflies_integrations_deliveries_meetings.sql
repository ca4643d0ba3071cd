-- Fireflies: a user's integration, inbound webhook deliveries (the durable work queue), the
-- delivery log's counters, and the meetings pulled from Fireflies.

create table integration (
    id                 uuid primary key,
    user_id            uuid not null references app_user (id) on delete cascade,
    provider           varchar(20) not null check (provider in ('FIREFLIES')),
    -- The Hex Key that signs this integration's webhooks; a revoked key stays linked so the page can say so.
    token_id           uuid references api_token (id) on delete set null,
    workspace_id       uuid references workspace (id) on delete set null,
    -- The user's Fireflies API key, AES-GCM encrypted and bound to this row (SecretCipher).
    api_key_ciphertext varchar(1000),
    api_key_hint       varchar(4),
    key_status         varchar(10) not null default 'MISSING' check (key_status in ('MISSING', 'UNCHECKED', 'VALID', 'REJECTED')),
    key_checked_at     timestamp(6) with time zone,
    created_at         timestamp(6) with time zone not null,
    updated_at         timestamp(6) with time zone not null,
    constraint integration_user_provider_key unique (user_id, provider)
);

create table meeting (
    id               uuid primary key,
    workspace_id     uuid not null references workspace (id) on delete cascade,
    imported_by      uuid references app_user (id) on delete set null,
    fireflies_id     varchar(100) not null,
    title            varchar(500) not null,
    meeting_date     timestamp(6) with time zone,
    duration_minutes double precision,
    -- JSON arrays as Fireflies sent them (participants and keywords: strings; sentences: objects).
    participants     text not null,
    keywords         text not null,
    sentences        text not null,
    overview         text,
    action_items     text,
    created_at       timestamp(6) with time zone not null,
    updated_at       timestamp(6) with time zone not null,
    -- One meeting per transcript and workspace, however often its webhook repeats.
    constraint meeting_workspace_fireflies_key unique (workspace_id, fireflies_id)
);
create index meeting_workspace_list_idx on meeting (workspace_id, created_at desc, id desc);

alter table action add constraint action_meeting_fk foreign key (meeting_id) references meeting (id) on delete set null;
create index action_meeting_idx on action (meeting_id) where meeting_id is not null;

-- Every authenticated webhook call, stored before it is answered; also the processing queue.
create table webhook_delivery (
    id                   uuid primary key,
    token_id             uuid not null references api_token (id) on delete cascade,
    user_id              uuid not null references app_user (id) on delete cascade,
    event                varchar(40) not null,
    fireflies_meeting_id varchar(100) not null,
    client_reference_id  varchar(100),
    payload              text not null,
    status               varchar(20) not null check (status in ('PENDING', 'SETUP_REQUIRED', 'DONE', 'IGNORED', 'FAILED')),
    attempts             integer not null default 0,
    next_attempt_at      timestamp(6) with time zone not null,
    -- Start of the current retry window: processing gives up when it has lasted too long.
    retry_since          timestamp(6) with time zone not null,
    -- A worker's lease: another replica takes the delivery over when claimed_until has passed.
    claim_id             uuid,
    claimed_until        timestamp(6) with time zone,
    last_error           varchar(500),
    meeting_id           uuid references meeting (id) on delete set null,
    processed_at         timestamp(6) with time zone,
    created_at           timestamp(6) with time zone not null,
    -- The same event for the same meeting is one delivery: repeats answer with its id.
    constraint webhook_delivery_event_key unique (user_id, event, fireflies_meeting_id)
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_token_idx on webhook_delivery (token_id, created_at desc);
create index webhook_delivery_setup_idx on webhook_delivery (user_id) where status = 'SETUP_REQUIRED';

-- The delivery log's counters: one row per Hex Key and outcome, so failures are counted without
-- storing their bodies and a flood of bad calls cannot grow the table. Calls naming no known key
-- are counted under the nil UUID (no foreign key for that reason).
create table webhook_attempt_count (
    token_id uuid not null,
    outcome  varchar(20) not null,
    count    bigint not null,
    last_at  timestamp(6) with time zone not null,
    primary key (token_id, outcome)
);
