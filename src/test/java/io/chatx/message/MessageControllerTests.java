package io.chatx.message;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.account.UserLoader;
import io.chatx.common.ChatxException;
import io.chatx.common.Connection;
import io.chatx.graphql.GraphQlSlice;
import io.chatx.support.WithSignedInUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static io.chatx.graphql.GraphQlSlice.expectCode;
import static io.chatx.support.WithSignedInUser.ALICE;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * {@link MessageController} on its own: the schema mapping of messages and their authors,
 * the paging and send arguments, the signed-in user as reader and author, and the codes
 * of the service's errors.
 */
@GraphQlTest(MessageController.class)
@Import(GraphQlSlice.class)
class MessageControllerTests {

	private static final UUID ROOM = UUID.randomUUID();

	private static final OffsetDateTime SENT = OffsetDateTime.of(2026, 12, 3, 8, 30, 0, 0, ZoneOffset.UTC);

	@MockitoBean
	MessageService messages;

	@MockitoBean
	UserLoader users;

	@Autowired
	ExecutionGraphQlServiceTester tester;

	@Test
	@WithSignedInUser
	void messagesPagesBackwardsForTheSignedInUserAndLoadsTheAuthorsAtOnce() {
		Message hello = message(7, "hello");
		given(this.messages.history(ALICE.id(), ROOM.toString(), null, null, 10, "cursor-9"))
			.willReturn(Mono.just(Connection.of(List.of(hello), (message) -> "cursor-7", true, false)));
		given(this.messages.byIds(List.of())).willReturn(Mono.just(Map.of()));
		given(this.users.preload(Set.of(ALICE.id()))).willReturn(Mono.empty());
		given(this.users.user(ALICE.id())).willReturn(Mono.just(User.of(ALICE)));
		GraphQlTester.Response response = graphQl()
			.document("{ messages(roomId: \"" + ROOM + "\", last: 10, before: \"cursor-9\") { edges { node { seq "
					+ "content author { username } sentAt clientMessageId } cursor } pageInfo { hasPreviousPage } } }")
			.execute();
		response.path("messages.edges[0].node.seq").entity(Long.class).isEqualTo(7L);
		response.path("messages.edges[0].node.author.username").entity(String.class).isEqualTo("alice");
		response.path("messages.edges[0].node.sentAt").entity(String.class).isEqualTo("2026-12-03T08:30:00.000Z");
		response.path("messages.edges[0].node.clientMessageId").valueIsNull();
		response.path("messages.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(true);
		then(this.users).should().preload(Set.of(ALICE.id()));
	}

	@Test
	@WithSignedInUser
	void sendMessageSendsAsTheSignedInUser() {
		SendMessageInput input = new SendMessageInput(ROOM.toString(), "hello", "client-1", null, null);
		Message stored = Message.posted(UUID.randomUUID(), ROOM, 5_000_000_000L, ALICE.id(), "hello", SENT, "client-1",
				5_000_000_000L, null);
		given(this.messages.send(ALICE.id(), input)).willReturn(Mono.just(new SentMessage(stored, true)));
		GraphQlTester.Response response = graphQl()
			.document("mutation { sendMessage(input: {roomId: \"" + ROOM
					+ "\", content: \"hello\", clientMessageId: \"client-1\"}) { roomId seq clientMessageId } }")
			.execute();
		response.path("sendMessage.roomId").entity(String.class).isEqualTo(ROOM.toString());
		response.path("sendMessage.seq").entity(Long.class).isEqualTo(5_000_000_000L);
		response.path("sendMessage.clientMessageId").entity(String.class).isEqualTo("client-1");
	}

	@Test
	@WithSignedInUser
	void sendingToARoomNotJoinedKeepsItsCode() {
		SendMessageInput input = new SendMessageInput(ROOM.toString(), "hello", null, null, null);
		given(this.messages.send(ALICE.id(), input))
			.willReturn(Mono.error(ChatxException.forbidden("Join the room first.")));
		expectCode(graphQl()
			.document("mutation { sendMessage(input: {roomId: \"" + ROOM + "\", content: \"hello\"}) { id } }")
			.execute(), "FORBIDDEN");
	}

	@Test
	void messagesAndSendNeedASignIn() {
		expectCode(graphQl().document("{ messages(roomId: \"" + ROOM + "\") { edges { cursor } } }").execute(),
				"UNAUTHENTICATED");
		expectCode(graphQl()
			.document("mutation { sendMessage(input: {roomId: \"" + ROOM + "\", content: \"hello\"}) { id } }")
			.execute(), "UNAUTHENTICATED");
		verifyNoInteractions(this.messages);
	}

	private GraphQlTester graphQl() {
		return GraphQlSlice.fromClient(this.tester);
	}

	private static Message message(long seq, String content) {
		return Message.posted(UUID.randomUUID(), ROOM, seq, ALICE.id(), content, SENT, null, seq, null);
	}

}
