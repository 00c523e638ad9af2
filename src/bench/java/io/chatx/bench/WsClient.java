package io.chatx.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * One graphql-transport-ws connection. Frames are written straight to the Netty channel
 * (thread-safe) and read on the connection's event loop, where the listener runs: a few
 * event-loop threads carry thousands of connections.
 */
final class WsClient {

	private final BiConsumer<WsClient, String> listener;

	private final CompletableFuture<WsClient> acknowledged = new CompletableFuture<>();

	private volatile Channel channel;

	private volatile boolean closing;

	private volatile WebSocketCloseStatus closeStatus;

	private WsClient(BiConsumer<WsClient, String> listener) {
		this.listener = listener;
	}

	static HttpClient httpClient(LoopResources loops) {
		return HttpClient.create(ConnectionProvider.newConnection()).runOn(loops);
	}

	private static final WebsocketClientSpec SPEC = WebsocketClientSpec.builder()
		.protocols("graphql-transport-ws")
		.maxFramePayloadLength(1 << 20)
		.build();

	/**
	 * Connect from {@code sourceHost} and complete connection_init with the token; the
	 * future completes on connection_ack.
	 */
	static CompletableFuture<WsClient> connect(HttpClient http, URI uri, String sourceHost, String token,
			BiConsumer<WsClient, String> listener) {
		WsClient client = new WsClient(listener);
		http.bindAddress(() -> new InetSocketAddress(sourceHost, 0))
			.websocket(SPEC)
			.uri(uri.toString())
			.handle((in, out) -> {
				in.receiveCloseStatus().subscribe((status) -> client.closeStatus = status);
				in.withConnection((connection) -> {
					client.channel = connection.channel();
					client.send(
							"{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}");
				});
				return in.aggregateFrames(1 << 20).receiveFrames().doOnNext(client::onFrame).then();
			})
			.subscribe(null, (ex) -> client.ended("failed: " + ex), () -> client.ended("ended"));
		return client.acknowledged;
	}

	void send(String text) {
		this.channel.writeAndFlush(new TextWebSocketFrame(text));
	}

	/** Queue a frame without flushing (call {@link #flush()} after a batch). */
	void write(String text) {
		this.channel.write(new TextWebSocketFrame(text));
	}

	void flush() {
		this.channel.flush();
	}

	void subscribe(String id, String query, String variablesJson) {
		send("{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":" + Json.quote(query)
				+ ",\"variables\":" + variablesJson + "}}");
	}

	boolean isOpen() {
		Channel channel = this.channel;
		return channel != null && channel.isActive();
	}

	Channel channel() {
		return this.channel;
	}

	void close() {
		this.closing = true;
		Channel channel = this.channel;
		if (channel != null) {
			channel.close();
		}
	}

	// After connection_ack, an end is a fault of the
	// run: say it, with the connection's local address.
	private void ended(String how) {
		if (!this.acknowledged.completeExceptionally(new IllegalStateException("connection " + how)) && !this.closing) {
			Bench.log(
					"connection " + localAddress() + " " + how + ", close status from the server: " + this.closeStatus);
		}
	}

	private String localAddress() {
		Channel channel = this.channel;
		return (channel != null) ? String.valueOf(channel.localAddress()) : "?";
	}

	private void onFrame(WebSocketFrame frame) {
		if (!(frame instanceof TextWebSocketFrame)) {
			return;
		}
		String text = frame.content().toString(StandardCharsets.UTF_8);
		if (text.startsWith("{\"type\":\"connection_ack\"") || text.contains("\"type\":\"connection_ack\"")) {
			this.acknowledged.complete(this);
			return;
		}
		if (text.contains("\"type\":\"ping\"")) {
			send("{\"type\":\"pong\"}");
			return;
		}
		this.listener.accept(this, text);
	}

}
