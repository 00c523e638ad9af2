package io.chatx.database;

import org.junit.jupiter.api.Test;

import io.chatx.common.StartupProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading CHATX_DB_URL.
 */
class PostgresAddressTests {

	@Test
	void readsHostPortAndDatabase() {
		assertThat(PostgresAddress.parse("postgresql://db.internal:6543/chat"))
			.isEqualTo(new PostgresAddress("db.internal", 6543, "chat"));
	}

	@Test
	void defaultsToPort5432AndToleratesDriverPrefixes() {
		assertThat(PostgresAddress.parse("postgresql://db/chat").port()).isEqualTo(5432);
		assertThat(PostgresAddress.parse("jdbc:postgresql://db:5433/chat").jdbcUrl())
			.isEqualTo("jdbc:postgresql://db:5433/chat");
		assertThat(PostgresAddress.parse("r2dbc:postgresql://db/chat").host()).isEqualTo("db");
	}

	@Test
	void refusesWhatIsNotAPostgresUrlWithAFix() {
		for (String bad : new String[] { "mysql://db/chat", "postgresql://db", "not a url", "postgresql:///chat" }) {
			assertThatExceptionOfType(StartupProblem.class).isThrownBy(() -> PostgresAddress.parse(bad))
				.satisfies((ex) -> assertThat(ex.getFix()).contains("CHATX_DB_URL"));
		}
	}

}
