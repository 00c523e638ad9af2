package io.chatx.fanout;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;

class SharedFrameEncoderTests {

	private static final ResolvableType TYPE = ResolvableType.forClass(GraphQlWebSocketMessage.class);

	private final JsonMapper json = JsonMapper.builder().build();

	private final JacksonJsonEncoder jackson = new JacksonJsonEncoder(this.json);

	private final SharedFrameEncoder encoder = new SharedFrameEncoder(this.jackson);

	@Test
	void sharedEventFrameIsTheSameJsonJacksonWrites() {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("__typename", "MessagePosted");
		event.put("content", "quotes \" and \\ and ünïcode");
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("roomEvents", new SharedResult(event));
		// An operation id needing escapes.
		GraphQlWebSocketMessage message = GraphQlWebSocketMessage.next("op \"1\"", Map.of("data", data));

		JsonNode written = this.json.readTree(text(this.encoder.encodeValue(message,
				DefaultDataBufferFactory.sharedInstance, TYPE, MimeTypeUtils.APPLICATION_JSON, null)));
		JsonNode expected = this.json.readTree(this.json.writeValueAsString(
				Map.of("id", "op \"1\"", "type", "next", "payload", Map.of("data", Map.of("roomEvents", event)))));

		assertThat(written).isEqualTo(expected);
	}

	@Test
	void framesAreOnTheHeapNotFromThePool() {
		List<GraphQlWebSocketMessage> messages = List.of(
				GraphQlWebSocketMessage.next("1",
						Map.of("data", Map.of("roomEvents", new SharedResult(Map.of("__typename", "MessagePosted"))))),
				GraphQlWebSocketMessage.next("2", Map.of("data", Map.of("me", Map.of("id", "u1")))),
				GraphQlWebSocketMessage.complete("3"));
		for (GraphQlWebSocketMessage message : messages) {
			DataBuffer frame = this.encoder.encodeValue(message,
					new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT), TYPE, MimeTypeUtils.APPLICATION_JSON,
					null);

			// A frame dropped on its way is garbage, not pooled memory nobody frees.
			ByteBuf buffer = ((NettyDataBuffer) frame).getNativeBuffer();
			assertThat(buffer.isDirect()).isFalse();
			assertThat(buffer.alloc()).isNotInstanceOf(PooledByteBufAllocator.class);
		}
	}

	@Test
	void otherMessagesAreWrittenByJackson() {
		List<GraphQlWebSocketMessage> messages = List.of(GraphQlWebSocketMessage.complete("7"),
				GraphQlWebSocketMessage.next("8", Map.of("data", Map.of("me", Map.of("id", "u1")))),
				GraphQlWebSocketMessage.next("9",
						Map.of("data", Map.of("roomEvents", new SharedResult(Map.of())), "errors", List.of())));
		for (GraphQlWebSocketMessage message : messages) {
			String ours = text(this.encoder.encodeValue(message, DefaultDataBufferFactory.sharedInstance, TYPE,
					MimeTypeUtils.APPLICATION_JSON, null));
			String theirs = text(this.jackson.encodeValue(message, DefaultDataBufferFactory.sharedInstance, TYPE,
					MimeTypeUtils.APPLICATION_JSON, null));
			assertThat(ours).isEqualTo(theirs);
		}
	}

	private static String text(DataBuffer buffer) {
		return buffer.toString(StandardCharsets.UTF_8);
	}

}
