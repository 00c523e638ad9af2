package io.chatx.cluster;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chatx.account.User;
import io.chatx.live.MemberJoined;
import io.chatx.live.MemberLeft;
import io.chatx.live.MessagePosted;
import io.chatx.live.RoomCreated;
import io.chatx.live.RoomDeleted;
import io.chatx.message.Message;
import io.chatx.room.Room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The wire format between instances: every event survives the trip unchanged, and what a
 * newer version might add is ignored rather than fatal.
 */
class ClusterCodecTests {

	private final ClusterCodec sender = new ClusterCodec("instance-a");

	private final ClusterCodec receiver = new ClusterCodec("instance-b");

	private final UUID room = UUID.randomUUID();

	private final User ann = new User(UUID.randomUUID(), "ann");

	private final OffsetDateTime at = OffsetDateTime.of(2026, 11, 24, 8, 30, 15, 123_456_000, ZoneOffset.UTC);

	@Test
	void everyEventSurvivesTheTripUnchanged() {
		Message message = Message.posted(UUID.randomUUID(), this.room, 42, this.ann.id(), "héllo \"world\"", this.at,
				"c-1", 42, null);
		Room created = new Room(this.room, "general", true, this.ann.id(), this.at, 3, 42, true);
		Object[] events = { new MessagePosted(message, "cursor-42"), new MemberJoined(this.room, this.ann, this.at),
				new MemberLeft(this.room, this.ann, this.at), new RoomDeleted(this.room, this.at),
				new RoomCreated(created), new PresenceNotice(this.room, this.ann, true, 15_000),
				new PresenceSnapshot(Map.of(this.room, Set.of(this.ann)), 15_000, true, true) };
		for (Object event : events) {
			Envelope envelope = this.receiver.decode(this.sender.encode(event));
			assertThat(envelope.event()).as(event.getClass().getSimpleName()).isEqualTo(event);
			assertThat(envelope.origin()).isEqualTo("instance-a");
		}
	}

	@Test
	void tellsItsOwnMessagesFromOthers() {
		byte[] data = this.sender.encode(new RoomDeleted(this.room, this.at));
		assertThat(this.sender.isOwn(this.sender.decode(data))).isTrue();
		assertThat(this.receiver.isOwn(this.receiver.decode(data))).isFalse();
	}

	@Test
	void ignoresFieldsAndEventsItDoesNotKnow() {
		String newer = """
				{"origin":"c","hops":2,"event":{"type":"RoomDeleted","roomId":"%s","at":"2026-11-24T08:30:15Z","why":"x"}}"""
			.formatted(this.room);
		assertThat(this.receiver.decode(bytes(newer)).event())
			.isEqualTo(new RoomDeleted(this.room, OffsetDateTime.parse("2026-11-24T08:30:15Z")));
		Envelope unknown = this.receiver.decode(bytes("""
				{"origin":"c","event":{"type":"EventOfANewerVersion","roomId":"%s"}}""".formatted(this.room)));
		assertThat(unknown.event()).isNull();
	}

	@Test
	void rejectsWhatIsNotAnEnvelope() {
		assertThatException().isThrownBy(() -> this.receiver.decode(bytes("not json")));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
