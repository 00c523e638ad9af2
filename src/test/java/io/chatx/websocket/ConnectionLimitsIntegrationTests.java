package io.chatx.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RawWebSocket;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;
import io.chatx.support.TightServerLimits;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Caps on what a client may hold or create: unauthenticated WebSocket connections per
 * address, WebSockets without the protocol, HTTP connections that send nothing or drip
 * their headers, and rooms created per user. Raw sockets, so that nothing in a client
 * library hides what the server does.
 */
@IntegrationTest
@TightServerLimits
class ConnectionLimitsIntegrationTests {

	@Autowired
	ChatxClient client;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	Environment environment;

	@Test
	void roomCreationIsRateLimitedPerUser() {
		TestUser user = this.client.register();
		for (int i = 0; i < 3; i++) {
			this.fixtures.publicRoom(user);
		}
		ChatFixtures.expectError(this.client.as(user)
			.document(ChatFixtures.CREATE_ROOM)
			.variable("input", Map.of("name", TestSupport.unique("room")))
			.execute(), "RATE_LIMITED");
		// Another user is not affected.
		this.fixtures.publicRoom(this.client.register());
	}

	@Test
	void aWebSocketWithoutTheProtocolIsRefusedBeforeTheUpgrade() throws IOException {
		for (String protocolHeader : new String[] { "", "Sec-WebSocket-Protocol: graphql-ws\r\n" }) {
			try (Socket socket = connect()) {
				send(socket, handshake(protocolHeader));
				String answer = readAll(socket);
				assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"BAD_USER_INPUT\"");
			}
		}
	}

	@Test
	void unauthenticatedWebSocketsAreCappedPerAddress() throws IOException {
		List<Socket> pending = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				Socket socket = connect();
				pending.add(socket);
				send(socket, handshake("Sec-WebSocket-Protocol: graphql-transport-ws\r\n"));
				assertThat(readHead(socket)).startsWith("HTTP/1.1 101");
			}
			try (Socket fourth = connect()) {
				send(fourth, handshake("Sec-WebSocket-Protocol: graphql-transport-ws\r\n"));
				assertThat(readAll(fourth)).startsWith("HTTP/1.1 429").contains("\"code\":\"RATE_LIMITED\"");
			}
			// Once a connection has signed in, it no longer counts.
			TestUser user = this.client.register();
			sendFrame(pending.get(0), "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer "
					+ user.accessToken() + "\"}}");
			assertThat(readFrameText(pending.get(0))).contains("connection_ack");
			try (RawWebSocket another = RawWebSocket.connectAs(this.client.webSocketUri(), user)) {
				another.send(Map.of("type", "ping"));
				another.next(TestSupport.TIMEOUT);
			}
		}
		finally {
			for (Socket socket : pending) {
				socket.close();
			}
		}
	}

	@Test
	void anHttpConnectionThatSendsNothingIsClosed() throws IOException {
		try (Socket socket = connect()) {
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
	}

	@Test
	void anHttpConnectionThatDripsItsHeadersIsClosed() throws Exception {
		try (Socket socket = connect()) {
			send(socket, "POST /graphql HTTP/1.1\r\nHost: localhost\r\n");
			socket.setSoTimeout(200);
			long giveUp = System.nanoTime() + TestSupport.TIMEOUT.toNanos();
			boolean closed = false;
			while (!closed && System.nanoTime() < giveUp) {
				// One header line every 200 ms: bytes keep coming, the head never ends.
				try {
					send(socket, "X-Drip: 1\r\n");
					closed = socket.getInputStream().read() == -1;
				}
				catch (SocketTimeoutException ex) {
					// still open
				}
				catch (IOException ex) {
					closed = true;
				}
			}
			assertThat(closed).as("the server closed the connection").isTrue();
		}
	}

	@Test
	void aSignedInWebSocketOutlivesTheIdleTimeout() throws Exception {
		TestUser user = this.client.register();
		try (RawWebSocket socket = RawWebSocket.connectAs(this.client.webSocketUri(), user)) {
			// Longer than the idle timeout (1 s) of this context.
			Thread.sleep(3000);
			socket.send(Map.of("type", "ping"));
			assertThat(socket.next(TestSupport.TIMEOUT)).containsEntry("type", "pong");
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port()), 5000);
		socket.setSoTimeout((int) TestSupport.TIMEOUT.toMillis());
		return socket;
	}

	private int port() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	private String handshake(String protocolHeader) {
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		return "GET /graphql HTTP/1.1\r\nHost: localhost:" + port()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
				+ Base64.getEncoder().encodeToString(key) + "\r\n" + protocolHeader + "\r\n";
	}

	private static void send(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/** Everything the server sends until it closes the connection. */
	private static String readAll(Socket socket) throws IOException {
		send(socket, "");
		return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

	/** The status line and headers of the answer. */
	private static String readHead(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int c = in.read();
			if (c < 0) {
				break;
			}
			head.append((char) c);
		}
		return head.toString();
	}

	private static void sendFrame(Socket socket, String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
		frame.write(0x81);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xff);
		}
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		socket.getOutputStream().write(frame.toByteArray());
		socket.getOutputStream().flush();
	}

	/** The next text frame the server sent (short frames only). */
	private static String readFrameText(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		for (;;) {
			int first = in.read();
			if (first < 0) {
				throw new IOException("closed by the server");
			}
			int length = in.read() & 0x7f;
			if (length == 126) {
				length = (in.read() << 8) | in.read();
			}
			byte[] payload = in.readNBytes(length);
			if ((first & 0x0f) == 0x1) {
				return new String(payload, StandardCharsets.UTF_8);
			}
		}
	}

}
