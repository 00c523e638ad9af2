package io.chatx.graphql;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * A GraphQL error body written straight to an HTTP response, for the failures that happen
 * before GraphQL runs (a bad token, a body too large), so that clients still get JSON
 * with a contract code instead of an empty or HTML body.
 */
public final class JsonErrorResponse {

	private final HttpStatus status;

	private final byte[] body;

	public JsonErrorResponse(HttpStatus status, ErrorCode code, String message) {
		this.status = status;
		this.body = ("{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"" + code.name()
				+ "\",\"classification\":\"" + code.classification() + "\"}}]}")
			.getBytes(StandardCharsets.UTF_8);
	}

	public Mono<Void> writeTo(ServerHttpResponse response) {
		response.setStatusCode(this.status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(this.body)));
	}

}
