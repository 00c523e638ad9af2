package io.chatx.observability;

import graphql.execution.AbortExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DroppedErrorLogTests {

	@Test
	void aCancelledExecutionIsNoErrorButAnythingElseDroppedIs(CapturedOutput output) {
		new DroppedErrorLog();

		Operators.onErrorDropped(new AbortExecutionException("Execution has been asked to be cancelled"),
				Context.empty());
		Operators.onErrorDropped(new IllegalStateException("Stream ended",
				new AbortExecutionException("Execution has been asked to be cancelled")), Context.empty());
		assertThat(output.getAll()).doesNotContain("onErrorDropped");

		Operators.onErrorDropped(new IllegalStateException("a real fault"), Context.empty());
		assertThat(output.getAll()).contains("ERROR").contains("onErrorDropped").contains("a real fault");
	}

}
