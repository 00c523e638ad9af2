package io.chatx.graphql;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.common.ErrorCode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Refuses, with {@code BAD_USER_INPUT}, a request whose document or variables hold a
 * string PostgreSQL cannot store as sent: a NUL character (an SQL error) or a lone UTF-16
 * surrogate (silently stored as {@code ?}, so two different values could become one).
 * Variables are checked at any depth (nested input objects, lists); the document for raw
 * characters and for escapes of NUL in its string literals (graphql-java's parser turns
 * them into NUL, while it refuses escapes of lone surrogates itself). An escape in a
 * comment or block string, where it means nothing, is refused too: a harmless false
 * alarm. Being an interceptor, it answers before anything runs, so a refused request
 * spends no rate-limit token, over HTTP and WebSocket alike.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class WellFormedInputInterceptor implements WebGraphQlInterceptor {

	/** An escape of NUL (backslash u0000, or the braced form), after its backslashes. */
	private static final Pattern NUL_ESCAPE = Pattern.compile("(\\\\+)u(?:0000|\\{0+\\})");

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String problem = problemOfDocument(request.getDocument());
		if (problem != null) {
			return Mono.just(refusal(request, "The document " + problem + "."));
		}
		for (Map.Entry<String, Object> variable : request.getVariables().entrySet()) {
			problem = problemIn(variable.getValue());
			if (problem != null) {
				return Mono.just(refusal(request, "Variable '" + variable.getKey() + "' " + problem + "."));
			}
		}
		return chain.next(request);
	}

	/** Why the document cannot run: a raw NUL or lone surrogate, or an escaped NUL. */
	private static @Nullable String problemOfDocument(String document) {
		String problem = problemOf(document);
		if (problem != null) {
			return problem;
		}
		Matcher escape = NUL_ESCAPE.matcher(document);
		while (escape.find()) {
			// An odd run of backslashes is an escape; an even one, escaped backslashes.
			if (escape.group(1).length() % 2 == 1) {
				return "contains an escaped NUL character";
			}
		}
		return null;
	}

	/** Why a variable's value (a JSON value: map, list, string, ...) cannot be stored. */
	private static @Nullable String problemIn(@Nullable Object value) {
		if (value instanceof String text) {
			return problemOf(text);
		}
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String problem = (entry.getKey() instanceof String key) ? problemOf(key) : null;
				problem = (problem != null) ? problem : problemIn(entry.getValue());
				if (problem != null) {
					return problem;
				}
			}
		}
		if (value instanceof Iterable<?> list) {
			for (Object item : list) {
				String problem = problemIn(item);
				if (problem != null) {
					return problem;
				}
			}
		}
		return null;
	}

	/** Why {@code text} cannot be stored, or null when it can. */
	static @Nullable String problemOf(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\0') {
				return "contains a NUL character";
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "contains a lone UTF-16 surrogate";
			}
		}
		return null;
	}

	private static WebGraphQlResponse refusal(WebGraphQlRequest request, String message) {
		return GraphQlErrors.refusal(request, ErrorCode.BAD_USER_INPUT, message);
	}

}
