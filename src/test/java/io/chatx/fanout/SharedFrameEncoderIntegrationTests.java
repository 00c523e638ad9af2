package io.chatx.fanout;

import org.junit.jupiter.api.Test;

import io.chatx.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring GraphQL's WebSocket handler writes its messages with the first JSON writer that
 * can: that is the shared-frame encoder.
 */
@IntegrationTest
class SharedFrameEncoderIntegrationTests {

	@Autowired
	ServerCodecConfigurer codecs;

	@Test
	void webSocketMessagesAreWrittenByTheSharedFrameEncoder() {
		ResolvableType type = ResolvableType.forClass(GraphQlWebSocketMessage.class);
		Object first = this.codecs.getWriters()
			.stream()
			.filter((writer) -> writer.canWrite(type, MediaType.APPLICATION_JSON))
			.map((writer) -> ((EncoderHttpMessageWriter<?>) writer).getEncoder())
			.findFirst()
			.orElseThrow();
		assertThat(first).isInstanceOf(SharedFrameEncoder.class);
	}

}
