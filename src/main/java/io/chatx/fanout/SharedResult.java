package io.chatx.fanout;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

/**
 * A completed result that many subscribers share: a read-only map that is written to JSON
 * once, and then copied as raw bytes into each subscriber's frame.
 */
@JsonSerialize(using = SharedResult.Serializer.class)
final class SharedResult extends AbstractMap<String, Object> {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Object> result;

	private volatile @Nullable SerializedString serialized;

	SharedResult(Map<String, Object> result) {
		this.result = result;
	}

	@Override
	public Set<Entry<String, Object>> entrySet() {
		return this.result.entrySet();
	}

	@Override
	public @Nullable Object get(@Nullable Object key) {
		return this.result.get(key);
	}

	SerializedString serialized() {
		SerializedString serialized = this.serialized;
		if (serialized == null) {
			// Racing threads compute the same text; either copy will do.
			serialized = new SerializedString(json.writeValueAsString(this.result));
			this.serialized = serialized;
		}
		return serialized;
	}

	static final class Serializer extends ValueSerializer<SharedResult> {

		@Override
		public void serialize(SharedResult value, JsonGenerator generator, SerializationContext context) {
			generator.writeRawValue(value.serialized());
		}

	}

}
