package io.chatx.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL queries over HTTP/1.1 (one kept-alive connection), one at a time, each timed
 * from sending the request to having read the whole answer.
 */
final class TimedQueries {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final URI uri;

	private final Histogram histogram = newHistogram();

	private long errors;

	TimedQueries(String base) {
		this.uri = URI.create(base + "/graphql");
	}

	/**
	 * Run a query as the holder of {@code token}; {@code timed} records its latency.
	 * Answers the data, or null after an error (counted, the first few logged).
	 */
	JsonNode run(String token, String query, String variablesJson, boolean timed) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"query\":" + Json.quote(query) + ",\"variables\":" + variablesJson + "}"))
			.build();
		long start = System.nanoTime();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		long micros = (System.nanoTime() - start) / 1000;
		JsonNode body = json.readTree(response.body());
		if (response.statusCode() != 200 || (body.has("errors") && !body.get("errors").isEmpty())) {
			if (++this.errors <= 3) {
				String text = response.body();
				Bench.log("query error (HTTP " + response.statusCode() + "): "
						+ ((text.length() > 600) ? text.substring(0, 600) + "..." : text));
			}
			return null;
		}
		if (timed) {
			this.histogram.recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
		}
		return body.get("data");
	}

	long errors() {
		return this.errors;
	}

	/** The latencies recorded so far, and start anew. */
	Map<String, Object> takeMilliseconds() {
		Map<String, Object> ms = milliseconds(this.histogram);
		this.histogram.reset();
		return ms;
	}

	static Histogram newHistogram() {
		return new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
	}

	/** p50, p90, p95, p99, p99.9, max and count of a histogram of microseconds. */
	static Map<String, Object> milliseconds(Histogram latency) {
		Map<String, Object> ms = new LinkedHashMap<>();
		for (double percentile : new double[] { 50, 90, 95, 99, 99.9 }) {
			String name = "p" + ((percentile == Math.rint(percentile)) ? Long.toString((long) percentile)
					: Double.toString(percentile));
			ms.put(name, latency.getValueAtPercentile(percentile) / 1000.0);
		}
		ms.put("max", latency.getMaxValue() / 1000.0);
		ms.put("count", latency.getTotalCount());
		return ms;
	}

}
