package io.chatx.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.system.LogValues;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * Security-relevant events, stored in {@code audit_events} and logged. A failure to store
 * one is logged and never fails the operation that caused it. User-supplied values are
 * escaped in the log line ({@link LogValues}), so that none can forge another line.
 */
@Component
public class AuditLog implements DisposableBean {

	private static final Log logger = LogFactory.getLog("io.chatx.audit");

	private final DatabaseClient db;

	private final RefusalBursts refusals;

	private final Disposable sweeper;

	AuditLog(DatabaseClient db, @Value("${chatx.audit.refusal-interval:1m}") Duration refusalInterval) {
		this.db = db;
		this.refusals = new RefusalBursts(refusalInterval);
		Duration sweepEvery = refusalInterval.dividedBy(2);
		this.sweeper = Flux.interval(sweepEvery, sweepEvery)
			.onBackpressureDrop()
			.concatMap((tick) -> storeAll(this.refusals.sweep(Instant.now())))
			.subscribe();
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
		return store(kind, userId, subject, clientAddress, detail, 1);
	}

	/**
	 * Record a refusal of a rate-limited attempt. The first refusal from an address is
	 * stored at once; the ones that follow within {@code chatx.audit.refusal-interval}
	 * are counted and stored as one row ({@code occurrences} = their number) when the
	 * interval has passed.
	 */
	public Mono<Void> recordRefusal(AuditKind kind, @Nullable String subject, String clientAddress) {
		return storeAll(this.refusals.add(kind, clientAddress, subject, Instant.now()));
	}

	/** Whether {@code userId} signed in from {@code clientAddress} before. */
	public Mono<Boolean> signedInBefore(UUID userId, String clientAddress) {
		return this.db.sql("""
				SELECT 1 FROM audit_events
				WHERE user_id = :userId AND kind = 'LOGIN_OK' AND client_address = :address LIMIT 1""")
			.bind("userId", userId)
			.bind("address", clientAddress)
			.map((row) -> true)
			.first()
			.defaultIfEmpty(false);
	}

	private Mono<Void> storeAll(List<RefusalBursts.Pending> pending) {
		return Flux.fromIterable(pending)
			.concatMap((p) -> store(p.key().kind(), null, p.subject(), p.key().clientAddress(), null, p.count()))
			.then();
	}

	private Mono<Void> store(AuditKind kind, @Nullable UUID userId, @Nullable String subject, String clientAddress,
			@Nullable String detail, int occurrences) {
		logger.info("audit " + kind + " user=" + userId + " subject=" + LogValues.quoted(subject) + " address="
				+ LogValues.quoted(clientAddress) + ((occurrences != 1) ? " count=" + occurrences : "")
				+ ((detail != null) ? " detail=" + LogValues.quoted(detail) : ""));
		return this.db.sql("""
				INSERT INTO audit_events (kind, user_id, subject, client_address, detail, occurrences)
				VALUES (:kind, :userId, :subject, :address, :detail, :occurrences)""")
			.bind("kind", kind.name())
			.bind("userId", Parameter.fromOrEmpty(userId, UUID.class))
			.bind("subject", Parameter.fromOrEmpty(subject, String.class))
			.bind("address", Parameter.fromOrEmpty(clientAddress, String.class))
			.bind("detail", Parameter.fromOrEmpty(detail, String.class))
			.bind("occurrences", occurrences)
			.then()
			.onErrorResume((ex) -> {
				logger.warn("Could not store audit event " + kind, ex);
				return Mono.empty();
			});
	}

	/** Stores the refusals still counted, so that a shutdown loses none. */
	@Override
	public void destroy() {
		this.sweeper.dispose();
		storeAll(this.refusals.sweep(Instant.MAX)).block(Duration.ofSeconds(5));
	}

}
