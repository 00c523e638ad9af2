package io.chatx;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout of docs/architecture.md, held: every package (sub-packages included, each on
 * its own) is a node, and no import path leads from one back to itself.
 */
class PackageCyclesTests {

	private static final JavaClasses CHATX = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.chatx");

	@Test
	void noPackageCycles() {
		slices().matching("io.chatx.(**)").should().beFreeOfCycles().check(CHATX);
	}

	@Test
	void commonTypesDependOnNothingElseOfChatx() {
		noClasses().that()
			.resideInAPackage("io.chatx.common..")
			.should()
			.dependOnClassesThat(resideInAPackage("io.chatx..").and(not(resideInAPackage("io.chatx.common.."))))
			.check(CHATX);
	}

	@Test
	void securityKnowsNoFeature() {
		noClasses().that()
			.resideInAPackage("io.chatx.security..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.chatx.account..", "io.chatx.room..", "io.chatx.message..", "io.chatx.live..",
					"io.chatx.database..")
			.check(CHATX);
	}

}
