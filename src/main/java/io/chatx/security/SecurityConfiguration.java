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
 * valid. Which operations need a signed-in user is decided per field ({@link Viewer}).
 * WebSocket: the {@code connection_init} payload is authenticated with the same decoder.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder) {
		GraphQlAuthenticationEntryPoint entryPoint = new GraphQlAuthenticationEntryPoint();
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.oauth2ResourceServer(
					(server) -> server.authenticationEntryPoint(entryPoint).jwt((jwt) -> jwt.jwtDecoder(jwtDecoder)))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(entryPoint))
			.build();
	}

	@Bean
	AuthenticationWebSocketInterceptor authenticationWebSocketInterceptor(ReactiveJwtDecoder jwtDecoder) {
		ReactiveAuthenticationManager verifier = new JwtReactiveAuthenticationManager(jwtDecoder);
		return new AuthenticationWebSocketInterceptor(new ConnectionInitTokenExtractor(),
				(token) -> verifier.authenticate(token).map(ConnectionAuthentication::of));
	}

}
