package io.chatx.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.webflux.AuthenticationWebSocketInterceptor;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * HTTP: every request may reach {@code /graphql}; a bearer token, when present, must be
 * valid. Which operations need a signed-in user is decided per field (controllers take an
 * {@code @AuthenticationPrincipal} {@link SignedInUser}). WebSocket: the
 * {@code connection_init} payload is authenticated the same way. Either way a token
 * counts only while its user exists ({@link ExistingUserJwtConverter}), and becomes a
 * {@link SignedInAuthentication}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
			KnownUsers users) {
		GraphQlAuthenticationEntryPoint entryPoint = new GraphQlAuthenticationEntryPoint();
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.oauth2ResourceServer((server) -> server.authenticationEntryPoint(entryPoint)
				.jwt((jwt) -> jwt.authenticationManager(tokenVerifier(jwtDecoder, users))))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(entryPoint))
			.build();
	}

	@Bean
	AuthenticationWebSocketInterceptor authenticationWebSocketInterceptor(ReactiveJwtDecoder jwtDecoder,
			KnownUsers users) {
		return new AuthenticationWebSocketInterceptor(new ConnectionInitTokenExtractor(),
				tokenVerifier(jwtDecoder, users));
	}

	private static ReactiveAuthenticationManager tokenVerifier(ReactiveJwtDecoder jwtDecoder, KnownUsers users) {
		JwtReactiveAuthenticationManager verifier = new JwtReactiveAuthenticationManager(jwtDecoder);
		verifier.setJwtAuthenticationConverter(new ExistingUserJwtConverter(users));
		return verifier;
	}

}
