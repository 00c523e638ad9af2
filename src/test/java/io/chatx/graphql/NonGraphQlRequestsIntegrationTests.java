package io.chatx.graphql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests to /graphql that are not GraphQL requests get their HTTP status with a GraphQL
 * error body ({@code BAD_USER_INPUT}), like every other error, over real HTTP.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class NonGraphQlRequestsIntegrationTests {

	@Autowired
	ChatxClient client;

	@LocalServerPort
	int port;

	@Test
	void anArrayBodyIsABadRequest() {
		expectRefusal(post(MediaType.APPLICATION_JSON, "[{\"query\":\"{ me { id } }\"}]"), 400);
	}

	@Test
	void variablesThatAreNoObjectAreABadRequest() {
		expectRefusal(post(MediaType.APPLICATION_JSON, "{\"query\":\"{ me { id } }\",\"variables\":\"x\"}"), 400);
	}

	@Test
	void malformedJsonIsABadRequest() {
		expectRefusal(post(MediaType.APPLICATION_JSON, "{not json"), 400);
	}

	@Test
	void anEmptyBodyIsABadRequest() {
		expectRefusal(post(MediaType.APPLICATION_JSON, ""), 400);
	}

	@Test
	void getIsNotAllowed() {
		expectRefusal(this.client.http().get().uri("/graphql?query=%7Bme%7Bid%7D%7D"), 405).expectHeader()
			.valueEquals(HttpHeaders.ALLOW, "POST");
	}

	@Test
	void putIsNotAllowed() {
		expectRefusal(this.client.http()
			.method(HttpMethod.PUT)
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"{ me { id } }\"}"), 405).expectHeader().valueEquals(HttpHeaders.ALLOW, "POST");
	}

	@Test
	void otherContentTypesAreUnsupported() throws Exception {
		expectRefusal(post(MediaType.TEXT_PLAIN, "{ me { id } }"), 415);
		expectRefusal(post(MediaType.APPLICATION_FORM_URLENCODED, "query=x"), 415);
		// WebClient will not send an unparsable Content-Type: the JDK's client does.
		HttpResponse<String> unparsable = send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
					.header(HttpHeaders.CONTENT_TYPE, "not a media type")
					.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { id } }\"}"))
					.build());
		assertThat(unparsable.statusCode()).isEqualTo(415);
		assertThat(unparsable.body()).contains("\"code\":\"BAD_USER_INPUT\"");
	}

	@Test
	void anAnswerThatIsNoJsonIsNotAcceptable() {
		expectRefusal(this.client.http()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_HTML)
			.bodyValue("{\"query\":\"{ me { id } }\"}"), 406);
	}

	/**
	 * Spring GraphQL's fallback for this type would log every signal at INFO and a stack.
	 */
	@Test
	void applicationGraphqlIsRefusedWithoutLogging(CapturedOutput output) {
		MediaType graphql = MediaType.parseMediaType("application/graphql");
		expectRefusal(post(graphql, "{ me { id } }"), 415);
		expectRefusal(post(graphql, "{\"query\":\"{ me { id } }\"}"), 415);
		expectRefusal(post(graphql, "{not json"), 415);
		assertThat(output.getAll()).doesNotContain("onSubscribe", "onNext", "onError", "request(unbounded)")
			.doesNotContain("\tat ");
	}

	@Test
	void aGraphQlRequestStillWorks() {
		this.client.http()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"{ __typename }\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.__typename")
			.isEqualTo("Query");
	}

	@Test
	void aCorsPreflightIsStillAnswered() {
		this.client.http()
			.options()
			.uri("/graphql")
			.header(HttpHeaders.ORIGIN, "http://localhost:5173")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,authorization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");
	}

	@Test
	void aBadTokenStillGetsUnauthenticated() {
		this.client.http()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
			.bodyValue("{\"query\":\"{ __typename }\"}")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("UNAUTHENTICATED");
	}

	private static HttpResponse<String> send(HttpRequest request) throws Exception {
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private WebTestClient.RequestHeadersSpec<?> post(MediaType contentType, String body) {
		return this.client.http().post().uri("/graphql").contentType(contentType).bodyValue(body);
	}

	private WebTestClient.ResponseSpec expectRefusal(WebTestClient.RequestHeadersSpec<?> request, int status) {
		WebTestClient.ResponseSpec response = request.exchange();
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.errors[0].message")
			.isNotEmpty()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_USER_INPUT");
		return response;
	}

}
