-- API tokens. JWT values are never stored (only their id, the jti); Hex Keys are stored AES-GCM
-- encrypted (needed in clear to check HMAC signatures) plus a SHA-256 digest for direct look-up.

create table api_token (
    id                uuid primary key,
    user_id           uuid not null references app_user (id) on delete cascade,
    name              varchar(100) not null,
    description       varchar(500),
    type              varchar(3) not null check (type in ('HEX', 'JWT')),
    created_at        timestamp(6) with time zone not null,
    expires_at        timestamp(6) with time zone not null,
    revoked_at        timestamp(6) with time zone,
    last_used_at      timestamp(6) with time zone,
    last_used_from    varchar(64),
    hint              varchar(4) not null,
    secret_digest     varchar(64),
    secret_ciphertext varchar(200),
    creation_key      uuid,
    constraint api_token_secret_digest_key unique (secret_digest),
    constraint api_token_creation_key unique (user_id, creation_key),
    constraint api_token_hex_has_secret check ((type = 'HEX') = (secret_digest is not null and secret_ciphertext is not null))
);
-- The list of a user's tokens, newest first, without revoked ones (keyset pagination).
create index api_token_user_list_idx on api_token (user_id, created_at desc, id desc) where revoked_at is null;
