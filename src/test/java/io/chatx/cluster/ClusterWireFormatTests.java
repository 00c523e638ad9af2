package io.chatx.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.chatx.account.User;
import io.chatx.live.MemberJoined;
import io.chatx.live.MemberLeft;
import io.chatx.live.MessageDeleted;
import io.chatx.live.MessageEdited;
import io.chatx.live.MessagePosted;
import io.chatx.live.ReactionChanged;
import io.chatx.live.ReadMarkerChanged;
import io.chatx.live.RoomCreated;
import io.chatx.live.RoomDeleted;
import io.chatx.message.Message;
import io.chatx.message.Reaction;
import io.chatx.myevents.MembershipNotice;
import io.chatx.myevents.ReadMarkerNotice;
import io.chatx.room.MembershipReason;
import io.chatx.room.Room;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire format between instances, pinned by a checked-in sample of each message type
 * ({@code src/test/resources/io/chatx/cluster/wire}). The events are the live GraphQL
 * records, so renaming one of their fields fails here: instances of two versions must
 * understand each other during a rolling upgrade.
 */
class ClusterWireFormatTests {

	static final UUID ROOM = UUID.fromString("6f1c2a4e-0b7d-4c55-9a43-1d2f3e4a5b6c");

	static final User ANN = new User(UUID.fromString("0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d"), "ann");

	static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-24T08:30:15.123456Z");

	static final OffsetDateTime EDITED_AT = OffsetDateTime.parse("2026-11-24T08:31:00.5Z");

	static final UUID BEN = UUID.fromString("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b");

	static final UUID REPLIED_TO = UUID.fromString("7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d");

	private final ClusterCodec codec = new ClusterCodec("instance-a");

	static Stream<Arguments> messages() {
		Message message = Message.posted(UUID.fromString("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"), ROOM, 42, ANN.id(),
				"héllo \"world\"", AT, "c-1", 42, null);
		Message edited = new Message(message.id(), ROOM, 42, ANN.id(), "edited", AT, "c-1", 42, EDITED_AT, false,
				REPLIED_TO, List.of(new Reaction("👍", List.of(ANN.id(), BEN)), new Reaction("🎉", List.of(BEN))));
		Message tombstone = new Message(message.id(), ROOM, 42, ANN.id(), "", AT, "c-1", 42, EDITED_AT, true, null,
				List.of());
		Room room = new Room(ROOM, "general", true, ANN.id(), AT, 3, 42, true);
		return Stream.of(Arguments.of("MessagePosted", new MessagePosted(message, "cursor-42")),
				Arguments.of("MessageEdited", new MessageEdited(edited, "cursor-57", 57)),
				Arguments.of("MessageDeleted", new MessageDeleted(tombstone, "cursor-58", 58)),
				Arguments.of("ReactionChanged", new ReactionChanged(edited, "cursor-59", ANN, "👍", true, 59)),
				Arguments.of("MemberJoined", new MemberJoined(ROOM, ANN, AT)),
				Arguments.of("MemberLeft", new MemberLeft(ROOM, ANN, AT)),
				Arguments.of("RoomDeleted", new RoomDeleted(ROOM, AT)),
				Arguments.of("RoomCreated", new RoomCreated(room)),
				Arguments.of("ReadMarkerChanged", new ReadMarkerChanged(ROOM, ANN, 41, AT)),
				Arguments.of("PresenceNotice", new PresenceNotice(ROOM, ANN, true, 15_000)),
				Arguments.of("PresenceSnapshot", new PresenceSnapshot(Map.of(ROOM, Set.of(ANN)), 15_000, true, true)),
				Arguments.of("ReadMarkerNotice", new ReadMarkerNotice(ANN.id(), ROOM, 42)),
				Arguments.of("MembershipNotice", new MembershipNotice(ANN.id(), ROOM, MembershipReason.DIRECT_OPENED)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("messages")
	void encodesAsTheSample(String type, Object event) {
		assertThat(tree(this.codec.encode(event))).isEqualTo(tree(sample(type)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("messages")
	void decodesTheSample(String type, Object event) {
		Envelope envelope = this.codec.decode(sample(type));
		assertThat(envelope.event()).isEqualTo(event);
		assertThat(envelope.origin()).isEqualTo("instance-a");
	}

	@Test
	void everyTypeOfMessageHasASample() throws NoSuchFieldException {
		JsonSubTypes types = Envelope.class.getDeclaredField("event").getAnnotation(JsonSubTypes.class);
		assertThat(Arrays.stream(types.value()).map(JsonSubTypes.Type::name))
			.containsExactlyInAnyOrderElementsOf(messages().map((arguments) -> (String) arguments.get()[0]).toList());
	}

	private static JsonNode tree(byte[] json) {
		return JsonMapper.builder().build().readTree(json);
	}

	private static byte[] sample(String type) {
		try (InputStream in = ClusterWireFormatTests.class.getResourceAsStream("wire/" + type + ".json")) {
			assertThat(in).as("sample of " + type).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
