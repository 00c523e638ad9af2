package io.chatx.graphql;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.chatx.common.ErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error body is valid JSON whatever the message holds.
 */
class JsonErrorResponseTests {

	@Test
	void escapesTheMessage() {
		String message = "A \"quoted\" \\ back\nslash\u0001\t\r\u001f\u007f and </script>, Zoë, 日本語, \uD83D\uDE00 \u2028";
		MockServerHttpResponse response = new MockServerHttpResponse();
		new JsonErrorResponse(HttpStatus.BAD_REQUEST, ErrorCode.BAD_USER_INPUT, message).writeTo(response).block();

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		Map<?, ?> body = JsonMapper.builder().build().readValue(response.getBodyAsString().block(), Map.class);
		Map<?, ?> error = (Map<?, ?>) ((List<?>) body.get("errors")).get(0);
		assertThat(error.get("message")).isEqualTo(message);
		assertThat(error.get("extensions"))
			.isEqualTo(Map.of("code", "BAD_USER_INPUT", "classification", "BAD_REQUEST"));
	}

}
