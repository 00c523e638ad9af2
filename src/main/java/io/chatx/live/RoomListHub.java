package io.chatx.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * Subscribers of the live room list ({@code roomListEvents}) on this instance.
 */
@Component
public class RoomListHub {

	private final Set<LiveSubscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final int subscriberBuffer;

	RoomListHub(LiveProperties properties) {
		this.subscriberBuffer = properties.subscriberBuffer();
	}

	public Flux<Object> subscribe() {
		return Flux.defer(() -> {
			LiveSubscriber subscriber = new LiveSubscriber(this.subscriberBuffer);
			this.subscribers.add(subscriber);
			return subscriber.flux().doFinally((signal) -> this.subscribers.remove(subscriber));
		});
	}

	/**
	 * Deliver to every subscriber; serialised, as subscribers take one event at a time.
	 */
	public synchronized void publish(Object event) {
		LiveSubscriber.offerAll(this.subscribers, event);
	}

	public synchronized void completeAll() {
		this.subscribers.forEach(LiveSubscriber::complete);
		this.subscribers.clear();
	}

}
