package io.chatx.database;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.r2dbc.autoconfigure.health.ConnectionFactoryHealthContributorAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * What {@link DatabaseHealthIndicator} relies on: Spring Boot (4.1) backs its own R2DBC
 * health check off when a bean named {@code r2dbcHealthIndicator} exists. If this fails,
 * Boot's check (which waits as long as the database does) runs beside ours again.
 */
class HealthIndicatorAssumptionsTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectionFactoryHealthContributorAutoConfiguration.class))
		.withBean(ConnectionFactory.class, () -> mock(ConnectionFactory.class));

	@Test
	void springBootBacksOffForABeanNamedR2dbcHealthIndicator() {
		this.contexts.run((context) -> assertThat(context).hasBean("r2dbcHealthContributor"));
		this.contexts.withUserConfiguration(DatabaseHealthIndicator.class)
			.run((context) -> assertThat(context).getBeans(ReactiveHealthContributor.class)
				.containsOnlyKeys("r2dbcHealthIndicator")
				.hasEntrySatisfying("r2dbcHealthIndicator",
						(bean) -> assertThat(bean).isInstanceOf(DatabaseHealthIndicator.class)));
	}

}
