-- Actions: to-dos in a workspace, created by the API, the browser extension or from a meeting's action items.

create table action (
    id           uuid primary key,
    workspace_id uuid not null references workspace (id) on delete cascade,
    title        varchar(500) not null,
    description  text,
    source_url   varchar(2048),
    due_date     date,
    status       varchar(10) not null default 'OPEN' check (status in ('OPEN', 'DONE')),
    source       varchar(10) not null check (source in ('API', 'EXTENSION', 'FIREFLIES')),
    created_by   uuid references app_user (id) on delete set null,
    meeting_id   uuid,
    -- Identifies where an imported action came from (e.g. one action item of one transcript), so a
    -- repeated import creates nothing new.
    source_key   varchar(200),
    created_at   timestamp(6) with time zone not null,
    updated_at   timestamp(6) with time zone not null,
    completed_at timestamp(6) with time zone
);
create index action_workspace_list_idx on action (workspace_id, created_at desc, id desc);
create unique index action_source_key_idx on action (workspace_id, source_key) where source_key is not null;
