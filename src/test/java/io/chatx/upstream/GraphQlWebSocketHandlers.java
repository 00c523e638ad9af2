package io.chatx.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import graphql.ExecutionResult;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * Spring GraphQL's own WebFlux WebSocket handler, built as Boot builds it but over a
 * service that answers every operation with one fixed result: for canaries that watch
 * what the handler does, without ChatX's wrappers around it.
 */
public final class GraphQlWebSocketHandlers {

	private GraphQlWebSocketHandlers() {
	}

	/** The handler with Spring's default codecs and no interceptor. */
	public static GraphQlWebSocketHandler answering(ExecutionResult result) {
		return answering(result, ServerCodecConfigurer.create(), null);
	}

	/** The handler with these codecs and, when not null, this interceptor. */
	public static GraphQlWebSocketHandler answering(ExecutionResult result, CodecConfigurer codecs,
			@Nullable WebGraphQlInterceptor interceptor) {
		ExecutionGraphQlService service = (request) -> Mono
			.just(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
		List<WebGraphQlInterceptor> interceptors = new ArrayList<>();
		if (interceptor != null) {
			interceptors.add(interceptor);
		}
		WebGraphQlHandler handler = WebGraphQlHandler.builder(service).interceptors(interceptors).build();
		return new GraphQlWebSocketHandler(handler, codecs, Duration.ofMinutes(1));
	}

}
