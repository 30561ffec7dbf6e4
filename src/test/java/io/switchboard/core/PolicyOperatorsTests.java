package io.switchboard.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.switchboard.core.HubFixture.Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room policy's {@code operators}: the token subjects that are operators of its rooms,
 * the default room too, without being first in; a nick alone never is one.
 */
class PolicyOperatorsTests {

	private final HubFixture fixture = HubFixture.with(Map.of("switchboard.rooms.policies[0].pattern", "lobby",
			"switchboard.rooms.policies[0].operators[0]", "mod-sub"));

	@Test
	void aSignedInSubjectThePolicyNamesMayKickInTheDefaultRoom() {
		Client eve = this.fixture.join("eve");
		Client moderator = this.fixture.join("moderator");
		moderator.session().identity(identity("mod-sub"));

		moderator.send("/kick eve spamming");

		assertThat(eve.take()).contains("ERR kicked from room lobby by moderator (spamming)");
		assertThat(eve.session().isClosing()).isTrue();
	}

	@Test
	void anotherSubjectOrTheSameNickWithoutATokenIsNoOperator() {
		this.fixture.join("eve");
		Client other = this.fixture.join("mod-sub");
		Client signedIn = this.fixture.join("someone");
		signedIn.session().identity(identity("other-sub"));

		other.send("/kick eve");
		signedIn.send("/kick eve");

		assertThat(other.take()).singleElement().asString().startsWith("ERR ");
		assertThat(signedIn.take()).singleElement().asString().startsWith("ERR ");
		assertThat(this.fixture.hub.isOperator(other.session(), "lobby")).isFalse();
	}

	private static Identity identity(String subject) {
		return new Identity(subject, null, List.of("*"), List.of("*"), false, Instant.now().plusSeconds(600), false);
	}

}
