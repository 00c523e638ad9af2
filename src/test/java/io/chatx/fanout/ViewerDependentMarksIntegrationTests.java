package io.chatx.fanout;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;

import io.chatx.security.SignedInUser;
import io.chatx.support.IntegrationTest;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule that keeps shared roomEvents results correct: a field whose controller method
 * reads who asks (takes the principal) carries {@code @viewerDependent} in the served
 * schema, so that a selection reaching it is executed per viewer. Root fields (queries,
 * mutations, subscriptions) are executed per request and are not shared.
 */
@IntegrationTest
class ViewerDependentMarksIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void everyFieldWhoseMethodTakesThePrincipalIsMarkedViewerDependent() {
		GraphQLSchema schema = this.graphQlSource.schema();
		Set<String> roots = Set.of(schema.getQueryType().getName(), schema.getMutationType().getName(),
				schema.getSubscriptionType().getName());
		List<String> readingThePrincipal = new ArrayList<>();
		List<String> unmarked = new ArrayList<>();
		for (Object controller : this.context.getBeansWithAnnotation(Controller.class).values()) {
			Class<?> type = AopUtils.getTargetClass(controller);
			if (!type.getPackageName().startsWith("io.chatx")) {
				continue;
			}
			for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type,
					ReflectionUtils.USER_DECLARED_METHODS)) {
				Mapping mapping = mapping(method, type);
				if (mapping == null || roots.contains(mapping.typeName()) || !takesThePrincipal(method)) {
					continue;
				}
				String coordinates = mapping.typeName() + "." + mapping.field();
				readingThePrincipal.add(coordinates);
				GraphQLFieldDefinition field = (schema
					.getType(mapping.typeName()) instanceof GraphQLFieldsContainer fields)
							? fields.getFieldDefinition(mapping.field()) : null;
				assertThat(field).as("%s (%s) in the served schema", coordinates, method).isNotNull();
				if (!field.hasAppliedDirective(ViewerDependentSelections.DIRECTIVE)) {
					unmarked.add(coordinates + " (" + type.getSimpleName() + "#" + method.getName() + ")");
				}
			}
		}
		// The rule is checked on a real case, not on none.
		assertThat(readingThePrincipal).contains("Reaction.mine");
		assertThat(unmarked).as("fields that read the principal without @viewerDependent").isEmpty();
	}

	private static boolean takesThePrincipal(Method method) {
		for (Parameter parameter : method.getParameters()) {
			Class<?> type = parameter.getType();
			if (parameter.isAnnotationPresent(AuthenticationPrincipal.class) || SignedInUser.class.equals(type)
					|| Principal.class.isAssignableFrom(type) || Authentication.class.isAssignableFrom(type)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The field a controller method maps, named as Spring GraphQL names it: from the
	 * annotation, the class's {@code @SchemaMapping}, or the source argument's type.
	 */
	private static Mapping mapping(Method method, Class<?> type) {
		BatchMapping batch = AnnotatedElementUtils.findMergedAnnotation(method, BatchMapping.class);
		SchemaMapping schema = AnnotatedElementUtils.findMergedAnnotation(method, SchemaMapping.class);
		if (batch == null && schema == null) {
			return null;
		}
		String typeName = (batch != null) ? batch.typeName() : schema.typeName();
		String field = (batch != null) ? batch.field() : schema.field();
		if (!StringUtils.hasText(typeName)) {
			SchemaMapping onType = AnnotatedElementUtils.findMergedAnnotation(type, SchemaMapping.class);
			typeName = (onType != null) ? onType.typeName() : "";
		}
		if (!StringUtils.hasText(typeName)) {
			typeName = sourceTypeName(method, batch != null);
		}
		return new Mapping(typeName, StringUtils.hasText(field) ? field : method.getName());
	}

	// The first argument that nothing else resolves: the parent object (a list of them
	// for a batch mapping).
	private static String sourceTypeName(Method method, boolean batch) {
		for (int index = 0; index < method.getParameterCount(); index++) {
			MethodParameter parameter = new MethodParameter(method, index);
			if (parameter.getParameterAnnotations().length > 0) {
				continue;
			}
			Class<?> type = parameter.getParameterType();
			if (batch && Collection.class.isAssignableFrom(type)) {
				return parameter.nested().getNestedParameterType().getSimpleName();
			}
			if (!batch && !type.getName().startsWith("graphql.") && !type.getName().startsWith("java.")) {
				return type.getSimpleName();
			}
		}
		return "?";
	}

	private record Mapping(String typeName, String field) {
	}

}
