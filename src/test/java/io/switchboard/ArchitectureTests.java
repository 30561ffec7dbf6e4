package io.switchboard;

import java.util.Arrays;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shape of the code: dependencies point inward and never in a circle. The
 * {@code core} (everything about a connected client) knows no door, no Redis and no
 * Netty; a door (one package each) uses the core, {@code transport} (listeners shared by
 * doors) and {@code auth}, never another door nor the cluster. A new door is one package
 * and its name in {@link #DOORS}.
 */
class ArchitectureTests {

	/** The doors: how clients and services reach the core. */
	static final String DOORS = "tcp|udp|unix|echo|websocket|irc|publish";

	/** What a door may use besides itself and the libraries. */
	private static final String[] DOOR_MAY_USE = { "io.switchboard.core..", "io.switchboard.transport..",
			"io.switchboard.auth.." };

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.switchboard");

	@Test
	void noTwoPackagesDependOnEachOtherEvenThroughOthers() {
		SlicesRuleDefinition.slices()
			.matching("io.switchboard.(**)")
			.should()
			.beFreeOfCycles()
			.allowEmptyShould(false)
			.check(CLASSES);
	}

	@Test
	void noFrontDoorDependsOnAnother() {
		SlicesRuleDefinition.slices()
			.matching("io.switchboard.(" + DOORS + ")..")
			.should()
			.notDependOnEachOther()
			.allowEmptyShould(false)
			.check(CLASSES);
	}

	@Test
	void aDoorUsesOnlyTheCoreTransportAndAuth() {
		for (String door : DOORS.split("\\|")) {
			noClasses().that()
				.resideInAPackage("io.switchboard." + door + "..")
				.should()
				.dependOnClassesThat(DescribedPredicate.describe("are in another Switchboard package",
						(javaClass) -> javaClass.getPackageName().startsWith("io.switchboard.")
								&& !javaClass.getPackageName().startsWith("io.switchboard." + door)
								&& Arrays.stream(DOOR_MAY_USE)
									.noneMatch((allowed) -> javaClass.getPackageName()
										.startsWith(allowed.substring(0, allowed.length() - 2)))))
				.check(CLASSES);
		}
	}

	@Test
	void theCoreKnowsNoOtherSwitchboardPackageNorRedisNorNetty() {
		noClasses().that()
			.resideInAPackage("io.switchboard.core..")
			.should()
			.dependOnClassesThat(DescribedPredicate.describe(
					"are in a Switchboard package outside the core, or in Redis, Lettuce, Netty or Tomcat",
					(javaClass) -> (javaClass.getPackageName().startsWith("io.switchboard.")
							&& !javaClass.getPackageName().startsWith("io.switchboard.core"))
							|| javaClass.getPackageName().startsWith("io.lettuce")
							|| javaClass.getPackageName().startsWith("org.springframework.data.redis")
							|| javaClass.getPackageName().startsWith("io.netty")
							|| javaClass.getPackageName().startsWith("org.apache.catalina")
							|| javaClass.getPackageName().startsWith("org.apache.tomcat")))
			.check(CLASSES);
	}

}
