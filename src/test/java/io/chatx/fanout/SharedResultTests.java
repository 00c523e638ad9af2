package io.chatx.fanout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SharedResultTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void isWrittenAsTheJsonOfItsMap() {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("__typename", "MessagePosted");
		event.put("message", Map.of("content", "quotes \" and ünïcode", "seq", 7));
		event.put("mentions", List.of("u1", "u2"));
		event.put("editedAt", null);

		String written = this.json.writeValueAsString(Map.of("roomEvents", new SharedResult(event)));

		assertThat(this.json.readTree(written))
			.isEqualTo(this.json.readTree(this.json.writeValueAsString(Map.of("roomEvents", event))));
	}

	@Test
	void writesItsJsonOnce() {
		SharedResult result = new SharedResult(Map.of("__typename", "MessagePosted"));

		assertThat(result.serialized()).isSameAs(result.serialized());
	}

	@Test
	void readsAsItsMapAndIsReadOnly() {
		Map<String, Object> event = Map.of("__typename", "MessagePosted", "seq", 7);
		SharedResult result = new SharedResult(event);

		assertThat(result).isEqualTo(event);
		assertThat(result.get("seq")).isEqualTo(7);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> result.put("seq", 8));
	}

}
