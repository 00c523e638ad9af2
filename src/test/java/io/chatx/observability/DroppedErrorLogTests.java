package io.chatx.observability;

import graphql.execution.AbortExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancelled execution is no error; Reactor's hook lives from the first application's
 * start to the last one's stop.
 */
@ExtendWith(OutputCaptureExtension.class)
class DroppedErrorLogTests {

	@Test
	void aCancelledExecutionIsNoErrorButAnythingElseDroppedIs(CapturedOutput output) {
		DroppedErrorLog log = new DroppedErrorLog();
		log.afterPropertiesSet();
		try {
			Operators.onErrorDropped(new AbortExecutionException("Execution has been asked to be cancelled"),
					Context.empty());
			Operators.onErrorDropped(new IllegalStateException("Stream ended",
					new AbortExecutionException("Execution has been asked to be cancelled")), Context.empty());
			assertThat(output.getAll()).doesNotContain("onErrorDropped");

			Operators.onErrorDropped(new IllegalStateException("a real fault"), Context.empty());
			assertThat(output.getAll()).contains("ERROR").contains("onErrorDropped").contains("a real fault");
		}
		finally {
			log.destroy();
		}
	}

	// Applications of other tests may be running in this JVM, with the hook added:
	// whatever
	// it was before, it is again once these two have stopped.
	@Test
	void theHookIsAddedOnceWhileAnyApplicationRunsAndRemovedWithTheLast(CapturedOutput output) {
		boolean hookedBefore = !cancelLoggedAsError("before", output);
		DroppedErrorLog first = new DroppedErrorLog();
		DroppedErrorLog second = new DroppedErrorLog();
		assertThat(cancelLoggedAsError("both built", output)).isEqualTo(!hookedBefore);

		first.afterPropertiesSet();
		second.afterPropertiesSet();
		assertThat(cancelLoggedAsError("both started", output)).isFalse();
		Operators.onErrorDropped(new IllegalStateException("a real fault"), Context.empty());
		assertThat(output.getAll().split("a real fault", -1)).hasSize(2);

		first.destroy();
		assertThat(cancelLoggedAsError("first stopped", output)).isFalse();

		second.destroy();
		assertThat(cancelLoggedAsError("both stopped", output)).isEqualTo(!hookedBefore);
	}

	// Without the hook Reactor logs every dropped error, a cancelled execution too.
	private static boolean cancelLoggedAsError(String when, CapturedOutput output) {
		Operators.onErrorDropped(new AbortExecutionException("Cancelled, " + when), Context.empty());
		return output.getAll().contains("Cancelled, " + when);
	}

}
