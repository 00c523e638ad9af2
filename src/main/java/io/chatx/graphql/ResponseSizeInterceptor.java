package io.chatx.graphql;

import java.util.List;
import java.util.Map;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import io.chatx.common.ErrorCode;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Answers an error instead of a result larger than
 * {@code chatx.graphql.max-response-size} (its JSON size, estimated by walking the
 * result, without writing it): the complexity limit bounds how many items an operation
 * asks for, not how long each one is, and a truncated body would be worse than none.
 * Subscription events are not checked (each is one small event).
 */
@Component
class ResponseSizeInterceptor implements WebGraphQlInterceptor {

	private final long maxBytes;

	ResponseSizeInterceptor(RequestLimitsProperties limits) {
		this.maxBytes = limits.maxResponseSize().toBytes();
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map(this::withinLimit);
	}

	private WebGraphQlResponse withinLimit(WebGraphQlResponse response) {
		Object data = response.getExecutionResult().getData();
		if (data == null || data instanceof Publisher<?> || estimate(data, this.maxBytes) <= this.maxBytes) {
			return response;
		}
		String message = "The result is larger than " + (this.maxBytes / 1024)
				+ " KB; ask for fewer items (first, last) or fewer fields.";
		return response.transform(
				(builder) -> builder.data(null).errors(List.of(GraphQlErrors.of(ErrorCode.BAD_USER_INPUT, message))));
	}

	/**
	 * About the length of {@code value} as JSON, in characters; stops counting once past
	 * {@code limit}.
	 */
	static long estimate(Object value, long limit) {
		if (value instanceof Map<?, ?> map) {
			long size = 2;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				size += String.valueOf(entry.getKey()).length() + 4;
				size += estimate(entry.getValue(), limit - size);
				if (size > limit) {
					return size;
				}
			}
			return size;
		}
		if (value instanceof List<?> list) {
			long size = 2;
			for (Object item : list) {
				size += 1 + estimate(item, limit - size);
				if (size > limit) {
					return size;
				}
			}
			return size;
		}
		if (value instanceof CharSequence text) {
			return text.length() + 2L;
		}
		return (value != null) ? String.valueOf(value).length() : 4;
	}

}
