--liquibase formatted sql

--changeset chatx:004-direct-rooms
-- A direct room is a private room of exactly two users, (direct_low, direct_high) in
-- uuid order, one per pair (the unique index makes two racing openDirectRoom calls meet
-- on one row). It has no password and no name of its own: each side sees the other's
-- username. Room names stay unique among the other rooms only, and the room list
-- (rooms()) walks only those.
ALTER TABLE rooms
    ADD COLUMN direct_low  uuid REFERENCES users (id) ON DELETE CASCADE,
    ADD COLUMN direct_high uuid REFERENCES users (id) ON DELETE CASCADE,
    ADD CONSTRAINT rooms_direct_pair CHECK ((direct_low IS NULL) = (direct_high IS NULL) AND direct_low < direct_high),
    DROP CONSTRAINT rooms_private_has_password,
    ADD CONSTRAINT rooms_private_has_password CHECK (NOT private OR password_hash IS NOT NULL OR direct_low IS NOT NULL),
    ADD CONSTRAINT rooms_direct_is_private CHECK (direct_low IS NULL OR (private AND password_hash IS NULL));
CREATE UNIQUE INDEX rooms_direct_pair_key ON rooms (direct_low, direct_high) WHERE direct_low IS NOT NULL;
DROP INDEX rooms_name_key;
CREATE UNIQUE INDEX rooms_name_key ON rooms (lower(name)) WHERE direct_low IS NULL;
DROP INDEX rooms_created_idx;
CREATE INDEX rooms_created_idx ON rooms (created_at DESC, id DESC) WHERE direct_low IS NULL;
DROP INDEX rooms_name_trgm_idx;
CREATE INDEX rooms_name_trgm_idx ON rooms USING gin (lower(name) gin_trgm_ops) WHERE direct_low IS NULL;

--changeset chatx:004-read-state
-- last_read_seq: the member's read marker, forward only. A send moves its author's to the
-- message, and a join starts it at the room's last_seq, so a member's own messages never
-- lie above it: unread = last_seq - last_read_seq - deleted messages above the marker.
-- last_message_at: when the newest message was posted (myRooms orders by it).
ALTER TABLE memberships ADD COLUMN last_read_seq bigint NOT NULL DEFAULT 0;
UPDATE memberships m SET last_read_seq = r.last_seq FROM rooms r WHERE r.id = m.room_id;
ALTER TABLE rooms ADD COLUMN last_message_at timestamptz;
UPDATE rooms r SET last_message_at = (SELECT max(sent_at) FROM messages WHERE room_id = r.id);
-- The deleted messages of a room by seq: small, and only deletions write to it, so
-- counting unread messages costs a probe per room, not a scan of what is unread.
CREATE INDEX messages_deleted_idx ON messages (room_id, seq) WHERE deleted_at IS NOT NULL;

--changeset chatx:004-user-search
-- users(search:): a literal, case-insensitive substring of usernames.
CREATE INDEX users_username_trgm_idx ON users USING gin (lower(username) gin_trgm_ops);
