package io.chatx.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;

import io.chatx.security.SignedInAuthentication;
import io.chatx.security.SignedInUser;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithSecurityContext;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/**
 * Runs a slice test signed in as a {@link SignedInUser}, as a verified access token would
 * (Spring Security's test support hands the context to the Reactor pipelines too).
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@WithSecurityContext(factory = WithSignedInUser.Factory.class)
public @interface WithSignedInUser {

	/** The user's id; by default {@link #ALICE_ID}. */
	String id() default ALICE_ID;

	String username() default "alice";

	String ALICE_ID = "00000000-0000-4000-8000-00000000a11c";

	/** The user that {@code @WithSignedInUser} signs in by default. */
	SignedInUser ALICE = new SignedInUser(UUID.fromString(ALICE_ID), "alice");

	/** Puts the annotated user into the test's security context. */
	class Factory implements WithSecurityContextFactory<WithSignedInUser> {

		@Override
		public SecurityContext createSecurityContext(WithSignedInUser user) {
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(
					new SignedInAuthentication(new SignedInUser(UUID.fromString(user.id()), user.username())));
			return context;
		}

	}

}
