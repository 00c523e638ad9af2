package io.chatx.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.ConnectionInfo;

import org.springframework.util.StringUtils;

/**
 * Reactor Netty's forwarded-header handling
 * ({@code server.forward-headers-strategy=native}) restricted to trusted proxies. Reactor
 * Netty's own handler believes any peer and prefers {@code Forwarded} to
 * {@code X-Forwarded-For}, so a client behind a proxy that sets only the latter could
 * name any address it liked.
 * <p>
 * From a trusted proxy, the client is the right-most {@code X-Forwarded-For} address that
 * is not itself a trusted proxy (each proxy appends the address it saw, so the ones on
 * the left are whatever the client wrote), and {@code X-Forwarded-Proto} is the scheme.
 * {@code Forwarded} is not read. From any other peer, nothing is read.
 */
final class TrustedForwardedHeaderHandler implements BiFunction<ConnectionInfo, HttpRequest, ConnectionInfo> {

	private final TrustedProxies trustedProxies;

	TrustedForwardedHeaderHandler(TrustedProxies trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	@Override
	public ConnectionInfo apply(ConnectionInfo connection, HttpRequest request) {
		if (!this.trustedProxies.trusts(connection.getRemoteAddress())) {
			return connection;
		}
		InetAddress client = clientAddress(request.headers().getAll("X-Forwarded-For"));
		ConnectionInfo forwarded = (client != null)
				? connection.withRemoteAddress(new InetSocketAddress(client, connection.getRemoteAddress().getPort()))
				: connection;
		String proto = request.headers().get("X-Forwarded-Proto");
		if ("http".equalsIgnoreCase(proto) || "https".equalsIgnoreCase(proto)) {
			forwarded = forwarded.withScheme(proto.toLowerCase(Locale.ROOT));
		}
		return forwarded;
	}

	private @Nullable InetAddress clientAddress(List<String> headers) {
		InetAddress found = null;
		for (int h = headers.size() - 1; h >= 0; h--) {
			String[] hops = StringUtils.commaDelimitedListToStringArray(headers.get(h));
			for (int i = hops.length - 1; i >= 0; i--) {
				InetAddress hop = literal(hops[i].strip());
				if (hop == null) {
					// Not an address: nothing to its left can be believed.
					return found;
				}
				found = hop;
				if (!this.trustedProxies.trusts(hop)) {
					return hop;
				}
			}
		}
		return found;
	}

	/** The address written as an IP literal; never a DNS lookup. */
	static @Nullable InetAddress literal(String text) {
		String bare = (text.startsWith("[") && text.endsWith("]")) ? text.substring(1, text.length() - 1) : text;
		return NetUtil.createInetAddressFromIpAddressString(bare);
	}

}
