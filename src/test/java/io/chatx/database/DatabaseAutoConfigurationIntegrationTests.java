package io.chatx.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Closeable;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.support.ChatxInstance;
import io.chatx.support.IntegrationTest;
import io.chatx.support.StoppableDatabase;
import io.chatx.support.TestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boot builds the R2DBC pool and runs Liquibase from ChatX's connection details, so
 * {@code spring.r2dbc.pool.*} and {@code spring.liquibase.*} apply; ChatX's own pool
 * settings are their defaults in {@code application.yaml}.
 */
@IntegrationTest
class DatabaseAutoConfigurationIntegrationTests {

	@Autowired
	R2dbcProperties r2dbc;

	@Autowired
	ConnectionPool pool;

	@Autowired
	DatabaseClient database;

	@Test
	void poolSettingsDefaultToChatxsOwn() {
		R2dbcProperties.Pool settings = this.r2dbc.getPool();
		assertThat(settings.getInitialSize()).isEqualTo(2);
		assertThat(settings.getMaxSize()).isEqualTo(20);
		assertThat(settings.getAcquireRetry()).as("acquire retries: the pool size").isEqualTo(20);
		assertThat(settings.getMaxIdleTime()).isEqualTo(Duration.ofMinutes(10));
		assertThat(settings.getMaxAcquireTime()).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.pool.getMetrics().orElseThrow().getMaxAllocatedSize()).isEqualTo(20);
	}

	@Test
	void sessionsAreNamedChatx() {
		assertThat(this.database.sql("SELECT current_setting('application_name') AS name")
			.map((row) -> row.get("name", String.class))
			.one()
			.block(TestSupport.TIMEOUT)).isEqualTo("chatx");
	}

	@Test
	void springR2dbcPoolMaxSizeLimitsTheConnectionsUnderLoad() {
		try (ChatxInstance chatx = ChatxInstance.start("--spring.r2dbc.pool.max-size=3")) {
			ConnectionPool pool = chatx.bean(ConnectionPool.class);
			PoolMetrics metrics = pool.getMetrics().orElseThrow();
			assertThat(metrics.getMaxAllocatedSize()).isEqualTo(3);
			assertThat(chatx.bean(R2dbcProperties.class).getPool().getAcquireRetry()).isEqualTo(3);
			// Five callers hold on to a connection each: three get one, two wait.
			List<Closeable> held = new CopyOnWriteArrayList<>();
			Disposable callers = Flux.range(0, 5).flatMap((i) -> pool.create()).subscribe(held::add);
			try {
				await().atMost(TestSupport.TIMEOUT).untilAsserted(() -> {
					assertThat(held).hasSize(3);
					assertThat(metrics.pendingAcquireSize()).isGreaterThanOrEqualTo(2);
				});
				assertThat(metrics.allocatedSize()).isEqualTo(3);
			}
			finally {
				callers.dispose();
				Flux.fromIterable(held).flatMap(Closeable::close).then().block(TestSupport.TIMEOUT);
			}
		}
	}

	@Test
	void springLiquibaseSettingsReachLiquibase() throws SQLException {
		try (StoppableDatabase postgres = StoppableDatabase.start()) {
			createDatabase(postgres, "unmigrated");
			createDatabase(postgres, "own_changelog");
			try (ChatxInstance chatx = start(postgres, "unmigrated", "--spring.liquibase.enabled=false")) {
				assertThat(tables(postgres, "unmigrated")).isEmpty();
			}
			try (ChatxInstance chatx = start(postgres, "own_changelog",
					"--spring.liquibase.database-change-log-table=chatx_changelog")) {
				assertThat(tables(postgres, "own_changelog")).contains("chatx_changelog", "users", "messages")
					.doesNotContain("databasechangelog");
			}
		}
	}

	private static ChatxInstance start(StoppableDatabase postgres, String database, String liquibase) {
		return ChatxInstance.start("--chatx.db.url=" + url(postgres, database), "--chatx.db.user=postgres",
				"--chatx.db.password=", liquibase);
	}

	private static void createDatabase(StoppableDatabase postgres, String name) throws SQLException {
		try (Connection connection = connect(postgres, "postgres"); Statement sql = connection.createStatement()) {
			sql.execute("CREATE DATABASE " + name);
		}
	}

	private static List<String> tables(StoppableDatabase postgres, String database) throws SQLException {
		try (Connection connection = connect(postgres, database);
				Statement sql = connection.createStatement();
				ResultSet rows = sql.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
			List<String> tables = new ArrayList<>();
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
			return tables;
		}
	}

	private static Connection connect(StoppableDatabase postgres, String database) throws SQLException {
		return DriverManager.getConnection("jdbc:" + url(postgres, database), "postgres", "");
	}

	// The server's own URL names its database postgres.
	private static String url(StoppableDatabase postgres, String database) {
		return postgres.url().replaceFirst("/postgres$", "/" + database);
	}

}
