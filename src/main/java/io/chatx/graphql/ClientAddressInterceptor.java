package io.chatx.graphql;

import java.net.InetSocketAddress;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Puts the caller's address into the GraphQL context, for per-address rate limits and the
 * audit log. Behind a proxy, set {@code server.forward-headers-strategy} and
 * {@code chatx.trusted-proxies} so that it is the client's address, not the proxy's
 * (forwarded headers from other peers are ignored:
 * {@code io.chatx.security.TrustedProxies}).
 */
@Component
public class ClientAddressInterceptor implements WebGraphQlInterceptor {

	/** Name of the context value that holds the address. */
	public static final String CLIENT_ADDRESS = "clientAddress";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String address = addressOf(request.getRemoteAddress());
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext(Map.of(CLIENT_ADDRESS, address)).build());
		return chain.next(request);
	}

	/** The address of a peer as the limits and the audit log name it. */
	public static String addressOf(@Nullable InetSocketAddress remote) {
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}
