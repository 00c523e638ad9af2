package io.chatx.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parses and validates each distinct document once: clients send the same few operations
 * (sendMessage above all) over and over, and parsing and validating them again was a good
 * part of a send's CPU time.
 */
@Configuration(proxyBeanMethods = false)
class DocumentCacheConfiguration {

	private static final int MAX_DOCUMENTS = 2_000;

	@Bean
	GraphQlSourceBuilderCustomizer documentCache() {
		Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder().maximumSize(MAX_DOCUMENTS).build();
		PreparsedDocumentProvider provider = new PreparsedDocumentProvider() {
			@Override
			public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
					Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
				return CompletableFuture
					.completedFuture(documents.get(input.getQuery(), (query) -> parseAndValidate.apply(input)));
			}
		};
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(provider));
	}

}
