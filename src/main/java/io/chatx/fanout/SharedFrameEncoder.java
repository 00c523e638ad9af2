package io.chatx.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import tools.jackson.core.io.JsonStringEncoder;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.graphql.server.support.GraphQlWebSocketMessageType;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * Writes graphql-transport-ws messages for Spring GraphQL's WebSocket handler. A
 * {@code next} whose data is a {@link SharedResult} (a room event, already JSON, the same
 * for a room's subscribers) is put together from bytes: per subscriber only its operation
 * id is written. Every other message goes to Jackson as before. At 50,000 deliveries a
 * second, Jackson writing the envelope of each one was about a tenth of the server's CPU.
 */
final class SharedFrameEncoder implements Encoder<GraphQlWebSocketMessage> {

	private static final byte[] ID = bytes("{\"id\":");

	private static final byte[] NEXT_DATA = bytes(",\"type\":\"next\",\"payload\":{\"data\":{");

	private static final byte[] END = bytes("}}}");

	private static final List<MimeType> JSON = List.of(MimeTypeUtils.APPLICATION_JSON);

	// Frames go on the heap, not in pooled buffers. When a connection closes with frames
	// on their way, Reactor operators drop them without freeing them (Reactor Netty frees
	// only Netty frames), and freeing them from a discard hook is not safe: flatMap can
	// discard a message twice, and by then its pooled buffer may be another message's.
	// The garbage collector takes a dropped heap frame; a sent one is copied into direct
	// memory for the socket anyway. (No leak detection: nothing here needs freeing.)
	private static final DataBufferFactory HEAP = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false, true));

	private final Encoder<Object> others;

	SharedFrameEncoder(Encoder<Object> others) {
		this.others = others;
	}

	@Override
	public boolean canEncode(ResolvableType type, @Nullable MimeType mimeType) {
		return GraphQlWebSocketMessage.class.isAssignableFrom(type.toClass())
				&& (mimeType == null || MimeTypeUtils.APPLICATION_JSON.isCompatibleWith(mimeType));
	}

	@Override
	public Flux<DataBuffer> encode(Publisher<? extends GraphQlWebSocketMessage> messages,
			DataBufferFactory bufferFactory, ResolvableType type, @Nullable MimeType mimeType,
			@Nullable Map<String, Object> hints) {
		return Flux.from(messages).map((message) -> encodeValue(message, bufferFactory, type, mimeType, hints));
	}

	@Override
	public DataBuffer encodeValue(GraphQlWebSocketMessage message, DataBufferFactory bufferFactory, ResolvableType type,
			@Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
		Map.Entry<String, Object> shared = sharedData(message);
		if (shared == null || message.getId() == null) {
			return this.others.encodeValue(message, HEAP, type, mimeType, hints);
		}
		byte[] id = quoted(message.getId());
		byte[] field = quoted(shared.getKey());
		byte[] result = ((SharedResult) shared.getValue()).serialized().asUnquotedUTF8();
		ByteBuffer frame = ByteBuffer
			.allocate(ID.length + id.length + NEXT_DATA.length + field.length + 1 + result.length + END.length)
			.put(ID)
			.put(id)
			.put(NEXT_DATA)
			.put(field)
			.put((byte) ':')
			.put(result)
			.put(END);
		return HEAP.wrap(frame.array());
	}

	@Override
	public List<MimeType> getEncodableMimeTypes() {
		return JSON;
	}

	// {"data": {<field>: SharedResult}} and nothing else (no errors, no extensions).
	private static Map.@Nullable Entry<String, Object> sharedData(GraphQlWebSocketMessage message) {
		if (message.resolvedType() != GraphQlWebSocketMessageType.NEXT
				|| !(message.getPayload() instanceof Map<?, ?> payload) || payload.size() != 1
				|| !(payload.get("data") instanceof Map<?, ?> data) || data.size() != 1) {
			return null;
		}
		Map.Entry<?, ?> entry = data.entrySet().iterator().next();
		if (!(entry.getKey() instanceof String field) || !(entry.getValue() instanceof SharedResult result)) {
			return null;
		}
		return Map.entry(field, result);
	}

	private static byte[] quoted(String text) {
		byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
		byte[] quoted = new byte[escaped.length + 2];
		quoted[0] = '"';
		System.arraycopy(escaped, 0, quoted, 1, escaped.length);
		quoted[quoted.length - 1] = '"';
		return quoted;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
