package io.chatx.account;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * users(search:) is served by an index with many users, whatever the planner makes of the
 * parameters: every statement the repository runs, with a search that has a trigram (the
 * trigram index) and one that has none (the username index, walked in order), in a custom
 * and in a generic plan, reads no table sequentially. The users are seeded and analysed
 * in a transaction that is rolled back.
 */
@IntegrationTest
class UserSearchPlanIntegrationTests {

	private static final int USERS = 200_000;

	@Autowired
	DatabaseClient db;

	@Autowired
	TransactionalOperator tx;

	@Test
	void everySearchStatementUsesAnIndexAtScale() {
		List<Explained> plans = this.tx.execute((status) -> {
			status.setRollbackOnly();
			// Names like plan1f3a9c0b2e7d: hex, so "e7d1b" is rare and "7a" common.
			Mono<Void> seed = this.db.sql("""
					INSERT INTO users (username, email, password_hash)
					SELECT 'plan' || substr(md5(g::text), 1, 12), 'plan' || g || '@example.com', 'x'
					FROM generate_series(1, :count) AS g""").bind("count", USERS).then();
			return seed.then(this.db.sql("ANALYZE users").then())
				.thenMany(explainAll("force_custom_plan"))
				.concatWith(explainAll("force_generic_plan"));
		}).collectList().block(TestSupport.TIMEOUT.multipliedBy(3));

		assertThat(plans).hasSize(12);
		for (Explained explained : plans) {
			assertThat(explained.plan()).as(explained.toString())
				.doesNotContain("Seq Scan")
				.contains(UserRepository.hasTrigram(explained.search()) ? "users_username_trgm_idx"
						: "users_username_key");
			if (explained.mode().equals("force_generic_plan")) {
				assertThat(explained.plan()).as(explained.toString()).contains("$1");
			}
		}
	}

	private Flux<Explained> explainAll(String mode) {
		List<Mono<Explained>> plans = new ArrayList<>();
		for (String search : List.of("e7d1b", "7a")) {
			plans.add(explain(mode, search, UserRepository.pageSql(search, false)));
			plans.add(explain(mode, search, UserRepository.pageSql(search, true)));
			plans.add(explain(mode, search, UserRepository.beforeSql(search)));
		}
		return this.db.sql("SET LOCAL plan_cache_mode = " + mode).then().thenMany(Flux.concat(plans));
	}

	// As a prepared statement, so that plan_cache_mode applies: a generic plan is made
	// without the parameters' values, as the driver's cached statements may get.
	private Mono<Explained> explain(String mode, String search, String sql) {
		String prepared = sql.replace(":search", "$1").replace(":position", "$2").replace(":limit", "$3");
		Mono<String> plan = this.db.sql("EXPLAIN EXECUTE search_plan('" + search + "', 'plan8', 21)")
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.map((lines) -> String.join("\n", lines));
		// In a DO block: the driver would take the $n for parameters of its own.
		return this.db
			.sql("DO $do$ BEGIN EXECUTE $sql$PREPARE search_plan (text, text, int) AS " + prepared + "$sql$; END $do$")
			.then()
			.then(plan)
			.flatMap((text) -> this.db.sql("DEALLOCATE search_plan").then().thenReturn(text))
			.map((text) -> new Explained(search, mode, sql, text));
	}

	private record Explained(String search, String mode, String sql, String plan) {
	}

}
