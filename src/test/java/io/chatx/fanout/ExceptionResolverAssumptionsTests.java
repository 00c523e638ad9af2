package io.chatx.fanout;

import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.graphql.autoconfigure.GraphQlAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link SharedEventConfiguration} relies on when it builds the exception handler of
 * the subscription strategy it puts in place of Boot's: Spring Boot (4.1) gives the
 * default strategies exactly the {@link DataFetcherExceptionResolver} beans, in order,
 * and the annotated controllers' resolver is one of those beans. If this fails, the
 * controllers' resolver must be added to the list by hand again (as for Boot 3).
 */
class ExceptionResolverAssumptionsTests {

	@Test
	void theAnnotatedControllersResolverIsABean() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GraphQlAutoConfiguration.class))
			// Boot backs off: no schema to build here.
			.withBean(GraphQlSource.class,
					() -> GraphQlSource.builder(new SchemaGenerator().makeExecutableSchema(
							new SchemaParser().parse("type Query { ok: Boolean }"),
							RuntimeWiring.newRuntimeWiring().build()))
						.build())
			.run((context) -> assertThat(
					context.getBeanProvider(DataFetcherExceptionResolver.class).orderedStream().toList())
				.containsOnlyOnce(context.getBean(AnnotatedControllerConfigurer.class).getExceptionResolver()));
	}

}
