package io.chatx.observability;

import graphql.execution.AbortExecutionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Hooks;

import io.chatx.system.LogValues;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Logs the errors Reactor drops (an error that reached an operator after its subscriber
 * had gone) at ERROR, as Reactor does by default, except graphql-java's "Execution has
 * been asked to be cancelled". A client that subscribes and goes away before its
 * subscription has started cancels the execution, and an event already on its way then
 * fails with that (or with an error caused by it): the client leaving, not a fault, so it
 * is logged at DEBUG.
 * <p>
 * Reactor's hook is JVM-wide and each one added is called, so it is added when the first
 * application in the JVM starts and removed when the last one stops (tests run several).
 */
@Component
class DroppedErrorLog implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(DroppedErrorLog.class);

	private static int applications;

	@Override
	public void afterPropertiesSet() {
		synchronized (DroppedErrorLog.class) {
			if (applications++ == 0) {
				Hooks.onErrorDropped(DroppedErrorLog::log);
			}
		}
	}

	@Override
	public void destroy() {
		synchronized (DroppedErrorLog.class) {
			// Removes every onErrorDropped hook: ChatX adds no other.
			if (--applications == 0) {
				Hooks.resetOnErrorDropped();
			}
		}
	}

	static void log(Throwable error) {
		if (causedByCancel(error)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Dropped after its subscriber left: " + LogValues.escaped(error.getMessage()));
			}
			return;
		}
		logger.error("Operator called default onErrorDropped", error);
	}

	// Also when wrapped: a shared event's other subscribers get it as the cause.
	private static boolean causedByCancel(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof AbortExecutionException) {
				return true;
			}
		}
		return false;
	}

}
