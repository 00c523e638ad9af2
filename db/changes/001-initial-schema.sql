--liquibase formatted sql

--changeset chatx:001-extensions
CREATE EXTENSION IF NOT EXISTS pg_trgm;

--changeset chatx:001-users
CREATE TABLE users (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    username      text        NOT NULL,
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- Names and emails are unique whatever their case.
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

--changeset chatx:001-refresh-tokens
-- One row per issued refresh token; a family is one login and every token rotated from it.
CREATE TABLE refresh_tokens (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    family_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

--changeset chatx:001-rooms
CREATE TABLE rooms (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name          text        NOT NULL,
    private       boolean     NOT NULL DEFAULT false,
    password_hash text,
    max_members   integer,
    member_count  integer     NOT NULL DEFAULT 0,
    created_by    uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- The seq of the newest message; its row lock serialises a room's senders.
    last_seq      bigint      NOT NULL DEFAULT 0,
    CONSTRAINT rooms_private_has_password CHECK (NOT private OR password_hash IS NOT NULL),
    CONSTRAINT rooms_member_cap CHECK (max_members IS NULL OR member_count <= max_members)
);
CREATE UNIQUE INDEX rooms_name_key ON rooms (lower(name));
-- Newest-first paging of the room list.
CREATE INDEX rooms_created_idx ON rooms (created_at DESC, id DESC);
-- Case-insensitive substring search on names.
CREATE INDEX rooms_name_trgm_idx ON rooms USING gin (lower(name) gin_trgm_ops);

--changeset chatx:001-memberships
CREATE TABLE memberships (
    room_id   uuid        NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

--changeset chatx:001-messages
CREATE TABLE messages (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    room_id           uuid        NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    seq               bigint      NOT NULL,
    author_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    content           text        NOT NULL,
    client_message_id text,
    sent_at           timestamptz NOT NULL DEFAULT now(),
    -- Gapless per-room order; also the index that history paging walks.
    CONSTRAINT messages_room_seq_key UNIQUE (room_id, seq),
    CONSTRAINT messages_client_id_key UNIQUE (room_id, author_id, client_message_id)
);
CREATE INDEX messages_author_idx ON messages (author_id);

--changeset chatx:001-audit-events
CREATE TABLE audit_events (
    id             bigserial   PRIMARY KEY,
    kind           text        NOT NULL,
    user_id        uuid,
    subject        text,
    client_address text,
    detail         text,
    at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_at_idx ON audit_events (at);
CREATE INDEX audit_events_user_idx ON audit_events (user_id);
