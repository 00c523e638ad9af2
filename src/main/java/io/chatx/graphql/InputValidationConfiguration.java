package io.chatx.graphql;

import graphql.validation.rules.OnValidationErrorStrategy;
import graphql.validation.rules.ValidationRules;
import graphql.validation.schemawiring.ValidationSchemaWiring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Input rules declared in the schema with graphql-java-extended-validation directives
 * ({@code @Size}, {@code @Pattern}, ...); a broken rule fails the field with an error
 * that names the argument path.
 */
@Configuration(proxyBeanMethods = false)
class InputValidationConfiguration {

	@Bean
	RuntimeWiringConfigurer inputValidation() {
		ValidationRules rules = ValidationRules.newValidationRules()
			.onValidationErrorStrategy(OnValidationErrorStrategy.RETURN_NULL)
			.build();
		return (wiring) -> wiring.directiveWiring(new ValidationSchemaWiring(rules));
	}

}
