package io.chatx.graphql;

import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import io.chatx.common.ErrorCode;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * A GraphQL error body written straight to an HTTP response, for the failures that happen
 * before GraphQL runs (a bad token, a body too large, a request that is no GraphQL
 * request), so that clients still get JSON with a contract code instead of an empty or
 * HTML body. Jackson writes the body, so any message is escaped properly.
 */
public final class JsonErrorResponse {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpStatusCode status;

	private final byte[] body;

	public JsonErrorResponse(HttpStatusCode status, ErrorCode code, String message) {
		this.status = status;
		Extensions extensions = new Extensions(code.name(), code.classification().toString());
		this.body = json.writeValueAsBytes(new Body(List.of(new Error(message, extensions))));
	}

	public Mono<Void> writeTo(ServerHttpResponse response) {
		response.setStatusCode(this.status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(this.body)));
	}

	private record Body(List<Error> errors) {
	}

	private record Error(String message, Extensions extensions) {
	}

	private record Extensions(String code, String classification) {
	}

}
