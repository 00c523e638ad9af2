package io.chatx.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.json.JsonMapper;

/**
 * A graphql-transport-ws client on a plain socket with a tiny receive buffer, which reads
 * only when asked: a consumer that stalls for real, so that the server's outbound buffers
 * fill and its backpressure reaches the subscription.
 */
public final class StalledWebSocket implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	public StalledWebSocket(URI uri, String accessToken) {
		try {
			this.socket = new Socket();
			this.socket.setReceiveBufferSize(4096);
			this.socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
			this.socket.setSoTimeout((int) TestSupport.TIMEOUT.toMillis());
			this.in = new DataInputStream(this.socket.getInputStream());
			this.out = this.socket.getOutputStream();
			handshake(uri);
			send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + accessToken)));
			if (!"connection_ack".equals(read().get("type"))) {
				throw new IllegalStateException("no connection_ack");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void send(Map<String, Object> message) {
		byte[] payload = json.writeValueAsBytes(message);
		try {
			ByteArrayOutputStream frame = new ByteArrayOutputStream();
			frame.write(0x81);
			if (payload.length < 126) {
				frame.write(0x80 | payload.length);
			}
			else {
				frame.write(0x80 | 126);
				frame.write(payload.length >>> 8);
				frame.write(payload.length & 0xff);
			}
			byte[] mask = new byte[4];
			ThreadLocalRandom.current().nextBytes(mask);
			frame.write(mask);
			for (int i = 0; i < payload.length; i++) {
				frame.write(payload[i] ^ mask[i % 4]);
			}
			this.out.write(frame.toByteArray());
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read the next text message (skipping control frames); null once the server closed.
	 */
	@SuppressWarnings("unchecked")
	public Map<String, Object> read() throws IOException {
		for (;;) {
			int first = this.in.read();
			if (first < 0) {
				return null;
			}
			int opcode = first & 0x0f;
			long length = this.in.readUnsignedByte() & 0x7f;
			if (length == 126) {
				length = this.in.readUnsignedShort();
			}
			else if (length == 127) {
				length = this.in.readLong();
			}
			byte[] payload = new byte[(int) length];
			this.in.readFully(payload);
			if (opcode == 0x8) {
				return null;
			}
			if (opcode == 0x1) {
				return json.readValue(new String(payload, StandardCharsets.UTF_8), Map.class);
			}
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private void handshake(URI uri) throws IOException {
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		String request = "GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
				+ Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n";
		this.out.write(request.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		String status = readLine(this.in);
		if (!status.contains(" 101 ")) {
			throw new IOException("Upgrade refused: " + status);
		}
		while (!readLine(this.in).isEmpty()) {
			// headers
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new IOException("connection closed during the handshake");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

}
