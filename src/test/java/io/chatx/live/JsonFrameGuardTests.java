package io.chatx.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which client messages the protocol guard lets through to Spring GraphQL's handler.
 */
class JsonFrameGuardTests {

	@Test
	void letsProtocolMessagesThrough() {
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"connection_init\",\"payload\":{}}")).isTrue();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"ping\"}")).isTrue();
		assertThat(
				JsonFrameGuard.isClientMessage("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{x}\"}}"))
			.isTrue();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"complete\",\"id\":\"1\"}")).isTrue();
	}

	@Test
	void stopsWhatIsNotAProtocolMessage() {
		assertThat(JsonFrameGuard.isClientMessage("this is not json")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("[1,2]")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"nope\"}")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":7}")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"id\":\"1\"}")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"subscribe\",\"payload\":{}}")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"complete\",\"id\":\"\"}")).isFalse();
		// A server's message type is no client message either.
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"next\",\"id\":\"1\"}")).isFalse();
	}

}
