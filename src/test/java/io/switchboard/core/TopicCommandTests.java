package io.switchboard.core;

import java.util.Map;

import io.switchboard.core.HubFixture.Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /topic} through the hub, without Spring or sockets: set, shown, cleared, told to
 * whoever joins, and its limits. {@code TopicsTests} covers the table of topics and its
 * expiry on a clock of its own.
 */
class TopicCommandTests {

	private final HubFixture fixture = HubFixture.withDefaults();

	@Test
	void aTopicSetIsRelayedToEveryMemberOfTheRoomAndShownOnAsking() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");
		Client carol = this.fixture.join("carol");
		carol.send("/join dev");
		carol.take();

		alice.send("/topic release on friday");
		bob.send("/topic");

		assertThat(alice.take()).containsExactly("* alice set the topic of lobby: release on friday");
		assertThat(bob.take()).containsExactly("* alice set the topic of lobby: release on friday",
				"* topic of lobby: release on friday");
		assertThat(carol.take()).as("another room").isEmpty();
	}

	@Test
	void aClientJoiningIsToldTheTopicRightAfterTheReplyAndRoomsListsIt() {
		Client alice = this.fixture.join("alice");
		alice.send("/join dev");
		alice.send("/topic builds are green");
		Client bob = this.fixture.join("bob");

		bob.send("/join dev");
		bob.send("/rooms");

		assertThat(bob.take()).containsExactly("* you are now in room dev", "* topic of dev: builds are green",
				"* rooms: dev (2) \"builds are green\"");
	}

	@Test
	void aDashClearsTheTopic() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");
		alice.send("/topic something");
		bob.take();

		bob.send("/topic -");
		bob.send("/topic");

		assertThat(bob.take()).containsExactly("* bob cleared the topic of lobby", "* no topic in lobby");
		assertThat(alice.take()).endsWith("* bob cleared the topic of lobby");
	}

	@Test
	void aTopicTooLongOrWithControlCharactersIsRefusedAndNothingChanges() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");

		alice.send("/topic " + "x".repeat(Topics.MAX_BYTES + 1));
		alice.send("/topic " + "\u00e9".repeat(Topics.MAX_BYTES / 2 + 1));
		alice.send("/topic bell\u0007");
		alice.send("/topic");

		assertThat(alice.take()).containsExactly("ERR topic too long (max 300 bytes)",
				"ERR topic too long (max 300 bytes)",
				"ERR a topic cannot contain control characters, bidi controls or line separators",
				"* no topic in lobby");
		assertThat(bob.take()).isEmpty();
	}

	@Test
	void inAReadOnlyRoomOnlyOperatorsSetTheTopic() {
		HubFixture readOnly = HubFixture.with(Map.of("switchboard.rooms.policies[0].pattern", "news",
				"switchboard.rooms.policies[0].read-only", "true"));
		Client alice = readOnly.join("alice");
		alice.send("/join news");
		alice.take();

		alice.send("/topic my news");

		assertThat(alice.take()).containsExactly("ERR room news is read-only: only operators set its topic");
	}

	@Test
	void oneAddressSetsTopicsInAtMostTopicsPerAddressRoomsButMayReplaceItsOwn() {
		HubFixture limited = HubFixture.with(Map.of("switchboard.rooms.topics-per-address", "1"));
		Client alice = limited.join("alice");
		alice.send("/topic first");
		alice.send("/topic first, amended");
		alice.send("/join dev");
		alice.take();

		alice.send("/topic second room");

		assertThat(alice.take()).containsExactly("ERR your address has set the topics of 1 rooms, the most allowed"
				+ " (switchboard.rooms.topics-per-address); clear one (/topic -) or wait until one of those rooms"
				+ " has been empty for switchboard.rooms.topic-retention");
		assertThat(limited.hub.rooms()).filteredOn((room) -> room.name().equals("lobby"))
			.extracting(RoomSummary::topic)
			.containsExactly("first, amended");
	}

}
