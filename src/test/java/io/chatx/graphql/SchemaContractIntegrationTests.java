package io.chatx.graphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import graphql.schema.idl.SchemaPrinter;
import org.junit.jupiter.api.Test;

import io.chatx.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served schema contains the whole public contract: graphql-java's schema diff finds
 * no breaking change from the copy of the contract kept in the test resources.
 */
@IntegrationTest
class SchemaContractIntegrationTests {

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void servedSchemaHasNoBreakingChangeAgainstTheContract() throws IOException {
		String served = new SchemaPrinter().print(this.graphQlSource.schema());
		assertThat(breakages(contract(), served)).isEmpty();
	}

	@Test
	void diffReportsARemovedOrRenamedField() throws IOException {
		String contract = contract();
		String broken = contract.replace("memberCount: Int!", "membersCount: Int!");
		assertThat(broken).isNotEqualTo(contract);
		assertThat(breakages(contract, broken)).isNotEmpty();
	}

	@Test
	void diffReportsAChangedArgumentType() throws IOException {
		String contract = contract();
		String broken = contract.replace("room(id: ID!): Room", "room(id: Int!): Room");
		assertThat(breakages(contract, broken)).isNotEmpty();
	}

	private static java.util.List<DiffEvent> breakages(String oldSdl, String newSdl) {
		CapturingReporter reporter = new CapturingReporter();
		new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(oldSdl, newSdl), reporter);
		return reporter.getBreakages();
	}

	private static String contract() throws IOException {
		return new ClassPathResource("api-contract.graphql").getContentAsString(StandardCharsets.UTF_8);
	}

}
