package io.chatx.cluster;

/**
 * Told each time this instance is connected to NATS again, with its subscriptions in
 * place: what was sent meanwhile is lost and must be made up for.
 */
interface LinkListener {

	void linkUp();

}
