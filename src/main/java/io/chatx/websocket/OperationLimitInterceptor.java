package io.chatx.websocket;

import java.util.concurrent.atomic.AtomicInteger;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.common.ErrorCode;
import io.chatx.graphql.GraphQlErrors;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;

/**
 * Caps the operations one WebSocket connection runs at once: an operation over the cap is
 * refused with {@code RATE_LIMITED}; a subscription counts until its stream ends.
 */
@Component
class OperationLimitInterceptor implements WebGraphQlInterceptor {

	private static final String COUNT = OperationLimitInterceptor.class.getName() + ".count";

	private final int maxOperations;

	OperationLimitInterceptor(WebSocketProperties properties) {
		this.maxOperations = properties.maxOperations();
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!(request instanceof WebSocketGraphQlRequest socketRequest)) {
			return chain.next(request);
		}
		AtomicInteger running = (AtomicInteger) socketRequest.getSessionInfo()
			.getAttributes()
			.computeIfAbsent(COUNT, (key) -> new AtomicInteger());
		if (running.incrementAndGet() > this.maxOperations) {
			running.decrementAndGet();
			return Mono.just(refusal(request));
		}
		return chain.next(request)
			.map((response) -> countUntilDone(response, running))
			.doOnError((ex) -> running.decrementAndGet())
			.doOnCancel(running::decrementAndGet);
	}

	private WebGraphQlResponse refusal(WebGraphQlRequest request) {
		return GraphQlErrors.refusal(request, ErrorCode.RATE_LIMITED,
				"This connection already runs " + this.maxOperations + " operations; complete some first.");
	}

	private static WebGraphQlResponse countUntilDone(WebGraphQlResponse response, AtomicInteger running) {
		if (!(response.getData() instanceof Publisher<?> stream)) {
			running.decrementAndGet();
			return response;
		}
		Flux<?> counted = Flux.from(stream).doFinally((signal) -> running.decrementAndGet());
		return response.transform((builder) -> builder.data(counted));
	}

}
