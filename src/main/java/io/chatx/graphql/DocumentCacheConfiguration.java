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

	@Bean
	DocumentCache documentCache() {
		return new DocumentCache(DocumentCache.MAX_TOTAL_CHARS, DocumentCache.MAX_DOCUMENT_CHARS);
	}

	@Bean
	GraphQlSourceBuilderCustomizer documentCacheCustomizer(DocumentCache cache) {
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(cache));
	}

	/**
	 * The parsed documents, bounded by the length of their text: a parsed document takes
	 * several times its text on the heap, and 2,000 distinct 250 KB documents from anyone
	 * once held half the heap. Only documents that parsed and validated, and only small
	 * ones (every operation of a real client is a few hundred characters), are kept.
	 */
	static final class DocumentCache implements PreparsedDocumentProvider {

		/** Total text of the kept documents, in characters. */
		static final long MAX_TOTAL_CHARS = 1_000_000;

		/** Longest document kept, in characters. */
		static final int MAX_DOCUMENT_CHARS = 8_192;

		private final Cache<String, PreparsedDocumentEntry> documents;

		private final int maxDocumentChars;

		DocumentCache(long maxTotalChars, int maxDocumentChars) {
			this.maxDocumentChars = maxDocumentChars;
			this.documents = Caffeine.newBuilder()
				.maximumWeight(maxTotalChars)
				.weigher((String query, PreparsedDocumentEntry entry) -> query.length())
				.build();
		}

		@Override
		public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
				Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
			String query = input.getQuery();
			PreparsedDocumentEntry entry = this.documents.getIfPresent(query);
			if (entry == null) {
				entry = parseAndValidate.apply(input);
				if (!entry.hasErrors() && query.length() <= this.maxDocumentChars) {
					this.documents.put(query, entry);
				}
			}
			return CompletableFuture.completedFuture(entry);
		}

		/**
		 * The total length of the kept documents' text, once pending evictions are done.
		 */
		long weight() {
			this.documents.cleanUp();
			return this.documents.policy().eviction().orElseThrow().weightedSize().orElseThrow();
		}

		boolean contains(String query) {
			return this.documents.getIfPresent(query) != null;
		}

	}

}
