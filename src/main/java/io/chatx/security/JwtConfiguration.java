package io.chatx.security;

import java.time.Instant;
import java.util.Objects;

import javax.crypto.SecretKey;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Encoder and decoder of the HS256 access tokens that ChatX issues to itself.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

	// With CHATX_DB_URL several instances may share one database, and
	// then they must share the secret: the development key is for the
	// embedded database only.
	@Bean
	SecretKey jwtSigningKey(JwtProperties jwt, Environment environment) {
		return SigningKeyResolver.resolve(jwt, StringUtils.hasText(environment.getProperty("chatx.db.url")));
	}

	@Bean
	JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(jwtSigningKey));
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(SecretKey jwtSigningKey, JwtProperties jwt) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(jwtSigningKey)
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		// The timestamp validator checks exp only when it is there:
		// a token without one would never expire.
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull), new JwtTimestampValidator(),
				new JwtIssuerValidator(jwt.issuer())));
		return decoder;
	}

}
