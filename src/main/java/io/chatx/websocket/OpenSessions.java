package io.chatx.websocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The GraphQL WebSocket connections open on this instance, so that shutdown can close
 * them (1001, going away) once their subscriptions are complete, instead of waiting for
 * clients.
 */
final class OpenSessions {

	private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

	void add(WebSocketSession session) {
		this.sessions.add(session);
	}

	void remove(WebSocketSession session) {
		this.sessions.remove(session);
	}

	Mono<Void> closeAll() {
		return Flux.fromIterable(Set.copyOf(this.sessions))
			.flatMap((session) -> session.close(CloseStatus.GOING_AWAY).onErrorResume((ex) -> Mono.empty()))
			.then();
	}

}
