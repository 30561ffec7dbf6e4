package io.switchboard;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Dependencies point inward: front doors use {@code transport}, {@code hub} and
 * {@code client}, never one another; {@code hub} and {@code client} know no door.
 */
class ArchitectureTests {

	private static final String[] DOORS = { "io.switchboard.tcp..", "io.switchboard.udp..", "io.switchboard.unix..",
			"io.switchboard.echo..", "io.switchboard.websocket..", "io.switchboard.irc..", "io.switchboard.publish.." };

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.switchboard");

	@Test
	void noFrontDoorDependsOnAnother() {
		SlicesRuleDefinition.slices()
			.matching("io.switchboard.(tcp|udp|unix|echo|websocket|irc|publish)..")
			.should()
			.notDependOnEachOther()
			.allowEmptyShould(false)
			.check(CLASSES);
	}

	@Test
	void hubDependsOnNoFrontDoor() {
		noClasses().that()
			.resideInAPackage("io.switchboard.hub..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(DOORS)
			.check(CLASSES);
	}

	@Test
	void clientDependsOnNoFrontDoorNorOnTheHub() {
		noClasses().that()
			.resideInAPackage("io.switchboard.client")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(concat(DOORS, "io.switchboard.hub.."))
			.check(CLASSES);
	}

	private static String[] concat(String[] packages, String more) {
		String[] all = java.util.Arrays.copyOf(packages, packages.length + 1);
		all[packages.length] = more;
		return all;
	}

}
