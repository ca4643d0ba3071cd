-- People, their workspaces and their dashboard sessions.

create table app_user (
    id            uuid primary key,
    email         varchar(254) not null,
    name          varchar(100) not null,
    password_hash varchar(100) not null,
    created_at    timestamp(6) with time zone not null
);
-- E-mail addresses are unique whatever their case; the application stores them lower-cased.
create unique index app_user_email_key on app_user (lower(email));

create table workspace (
    id         uuid primary key,
    name       varchar(100) not null,
    created_at timestamp(6) with time zone not null
);

create table membership (
    id           uuid primary key,
    user_id      uuid not null references app_user (id) on delete cascade,
    workspace_id uuid not null references workspace (id) on delete cascade,
    role         varchar(10) not null check (role in ('OWNER', 'MEMBER')),
    created_at   timestamp(6) with time zone not null,
    constraint membership_user_workspace_key unique (user_id, workspace_id)
);
create index membership_workspace_idx on membership (workspace_id);

-- A session cookie's value is never stored: only its HMAC under EXPONENTIAL_SESSION_KEY.
create table user_session (
    id           uuid primary key,
    user_id      uuid not null references app_user (id) on delete cascade,
    token_digest varchar(64) not null,
    created_at   timestamp(6) with time zone not null,
    expires_at   timestamp(6) with time zone not null,
    constraint user_session_token_digest_key unique (token_digest)
);
create index user_session_user_idx on user_session (user_id);
