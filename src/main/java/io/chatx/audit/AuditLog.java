package io.chatx.audit;

import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * Security-relevant events, stored in {@code audit_events} and logged. A failure to store
 * one is logged and never fails the operation that caused it.
 */
@Component
public class AuditLog {

	private static final Log logger = LogFactory.getLog("io.chatx.audit");

	private final DatabaseClient db;

	AuditLog(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Record an event.
	 * @param kind what happened
	 * @param userId who it concerns, when known
	 * @param subject the login name or other subject, when known
	 * @param clientAddress where the request came from
	 * @param detail free text
	 */
	public Mono<Void> record(AuditKind kind, @Nullable UUID userId, @Nullable String subject, String clientAddress,
			@Nullable String detail) {
		logger.info("audit " + kind + " user=" + userId + " subject=" + subject + " address=" + clientAddress
				+ ((detail != null) ? " " + detail : ""));
		return this.db.sql(
				"INSERT INTO audit_events (kind, user_id, subject, client_address, detail) VALUES (:kind, :userId, :subject, :address, :detail)")
			.bind("kind", kind.name())
			.bind("userId", Parameter.fromOrEmpty(userId, UUID.class))
			.bind("subject", Parameter.fromOrEmpty(subject, String.class))
			.bind("address", Parameter.fromOrEmpty(clientAddress, String.class))
			.bind("detail", Parameter.fromOrEmpty(detail, String.class))
			.then()
			.onErrorResume((ex) -> {
				logger.warn("Could not store audit event " + kind, ex);
				return Mono.empty();
			});
	}

}
