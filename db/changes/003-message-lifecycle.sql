--liquibase formatted sql

--changeset chatx:003-change-numbers
-- The room's change number: every persisted change of a room (post, edit, deletion,
-- reaction added or removed) takes the next one under the room row's lock, in the
-- transaction that stores it. Until now every change was a post: change = seq.
ALTER TABLE rooms ADD COLUMN last_change bigint NOT NULL DEFAULT 0;
UPDATE rooms SET last_change = last_seq;

--changeset chatx:003-message-lifecycle
-- posted_change: the change number of the message's post. A deleted message stays as a
-- tombstone (deleted_at set, content '') so that seqs stay gapless. reply_to_id has no
-- foreign key: the service checks that it names a message of the same room.
ALTER TABLE messages
    ADD COLUMN posted_change bigint,
    ADD COLUMN edited_at     timestamptz,
    ADD COLUMN deleted_at    timestamptz,
    ADD COLUMN reply_to_id   uuid;
UPDATE messages SET posted_change = seq;
ALTER TABLE messages ALTER COLUMN posted_change SET NOT NULL;

--changeset chatx:003-room-changes
-- The change log: one row per change of a room, posts included, keyed by its change
-- number. The hub repairs gaps and replays from it. seq_at: the room's last_seq right
-- after the change (the seq part of the change's cursor).
CREATE TABLE room_changes (
    room_id    uuid        NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    change     bigint      NOT NULL,
    kind       text        NOT NULL,
    message_id uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    emoji      text,
    seq_at     bigint      NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, change),
    CONSTRAINT room_changes_kind CHECK (kind IN ('POSTED', 'EDITED', 'DELETED', 'REACTION_ADDED', 'REACTION_REMOVED'))
);
INSERT INTO room_changes (room_id, change, kind, message_id, user_id, seq_at, at)
SELECT room_id, seq, 'POSTED', id, author_id, seq, sent_at FROM messages;

--changeset chatx:003-reactions
-- One row per (message, emoji, user). change: the change number that added it; an
-- emoji's group is ordered by its first row's.
CREATE TABLE reactions (
    message_id uuid   NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    emoji      text   NOT NULL,
    user_id    uuid   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    change     bigint NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);

--changeset chatx:003-reaction-group-order
-- group_change: the change number that started the emoji's group on the message. A group
-- keeps its place when its first reactor takes theirs back; an emptied group is gone,
-- and adding the emoji again starts a new one.
ALTER TABLE reactions ADD COLUMN group_change bigint;
UPDATE reactions r SET group_change = (SELECT min(change) FROM reactions g
    WHERE g.message_id = r.message_id AND g.emoji = r.emoji);
ALTER TABLE reactions ALTER COLUMN group_change SET NOT NULL;
