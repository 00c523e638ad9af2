package io.chatx.cluster;

import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the messages between instances, with this instance's id as their origin. A
 * mapper of its own, so that tuning the API's JSON never changes the wire format; it
 * ignores what it does not know, so that instances of different versions can run side by
 * side during a rolling upgrade.
 */
final class ClusterCodec {

	private final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
		.build();

	private final String origin;

	ClusterCodec() {
		this(UUID.randomUUID().toString());
	}

	ClusterCodec(String origin) {
		this.origin = origin;
	}

	/** This instance's id: random, so a restarted instance is a new one to the others. */
	String origin() {
		return this.origin;
	}

	byte[] encode(Object event) {
		return this.json.writeValueAsBytes(new Envelope(this.origin, event));
	}

	/**
	 * The envelope in {@code data}; its event is null when this version does not know it.
	 * @throws JacksonException when {@code data} is not an envelope
	 */
	Envelope decode(byte[] data) {
		return this.json.readValue(data, Envelope.class);
	}

	boolean isOwn(Envelope envelope) {
		return this.origin.equals(envelope.origin());
	}

}
