package io.chatx.graphql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphiQL page names only scripts and styles that ChatX serves itself (the browser
 * test, frontend-sample/e2e/graphiql.test.mjs, runs it offline).
 */
@IntegrationTest
class GraphiQlAssetsIntegrationTests {

	private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

	@Autowired
	ChatxClient client;

	@LocalServerPort
	int port;

	@Test
	void everyScriptAndStyleComesFromThisServer() throws Exception {
		String page = this.client.page("/graphiql?path=/graphql&wsPath=/graphql");
		List<String> assets = ASSET.matcher(page).results().map((match) -> match.group(1)).toList();

		assertThat(assets).isNotEmpty().allSatisfy((asset) -> assertThat(asset).doesNotContain("//"));
		assertThat(assets).anyMatch((asset) -> asset.endsWith("graphiql.min.js"))
			.anyMatch((asset) -> asset.endsWith("react-dom.production.min.js"));
		HttpClient http = HttpClient.newHttpClient();
		for (String asset : assets) {
			// The JDK's client: GraphiQL's script is bigger than WebTestClient buffers.
			HttpResponse<byte[]> response = http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/" + asset)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).as(asset).isEqualTo(200);
			assertThat(response.body()).as(asset).isNotEmpty();
		}
		Matcher policy = Pattern.compile("Content-Security-Policy\"\\s+content=\"([^\"]+)\"").matcher(page);
		assertThat(policy.find()).isTrue();
		assertThat(policy.group(1)).contains("script-src 'self';").doesNotContain("unsafe-eval");
	}

}
