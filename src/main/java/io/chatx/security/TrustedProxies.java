package io.chatx.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;

/**
 * The proxies whose forwarded headers ({@code X-Forwarded-For}, {@code Forwarded}) are
 * believed ({@code chatx.trusted-proxies}, {@code CHATX_TRUSTED_PROXIES}: addresses or
 * CIDR ranges, comma separated; empty means none). A client's address decides its rate
 * limits, and any client can write those headers, so they are only taken from a proxy
 * that replaces them.
 */
@ConfigurationProperties("chatx")
public final class TrustedProxies {

	private final List<InetAddressMatcher> matchers;

	public TrustedProxies(@DefaultValue({ "127.0.0.0/8", "::1" }) List<String> trustedProxies) {
		// A typo fails the start, not the first request.
		this.matchers = trustedProxies.stream()
			.map(String::strip)
			.filter((cidr) -> !cidr.isEmpty())
			.map(InetAddressMatchers::fromIpAddress)
			.toList();
	}

	/** Whether a connection from {@code peer} comes from a trusted proxy. */
	public boolean trusts(@Nullable InetSocketAddress peer) {
		return peer != null && peer.getAddress() != null && trusts(peer.getAddress());
	}

	/** Whether {@code address} is that of a trusted proxy. */
	public boolean trusts(InetAddress address) {
		return this.matchers.stream().anyMatch((matcher) -> matcher.matches(address));
	}

}
