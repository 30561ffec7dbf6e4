package io.switchboard.core;

import java.time.Instant;
import java.util.Map;

import io.switchboard.core.HubFixture.Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets in, without Spring or sockets: the server's and each address's and network's
 * limits, bans, and shutdown, each refusal told in the client's dialect and counted; and
 * what an admitted client gets first.
 */
class AdmissionsTests {

	@Test
	void theDefaultsAreTheDocumentedOnes() {
		HubFixture fixture = HubFixture.withDefaults();

		assertThat(fixture.chat.maxClients()).isEqualTo(10_000);
		assertThat(fixture.chat.maxClientsPerIp()).isEqualTo(64);
		assertThat(fixture.chat.maxClientsPerIpv4Prefix()).isEqualTo(256);
		assertThat(fixture.chat.maxClientsPerIpv6Prefix()).isEqualTo(64);
		assertThat(fixture.chat.acceptRatePerIp()).isEqualTo(20);
		assertThat(fixture.chat.defaultRoom()).isEqualTo("lobby");
	}

	@Test
	void pastMaxClientsAClientIsRefusedUntilOneLeaves() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.max-clients", "2"));
		Client first = fixture.connect(fixture.nextAddress());
		fixture.connect(fixture.nextAddress());

		Client third = fixture.connect(fixture.nextAddress());

		assertThat(third.session).isNull();
		assertThat(third.refusal()).isEqualTo("ERR server full");
		assertThat(third.wire.writes()).as("the door sends the refusal").isZero();
		assertThat(fixture.registry.count()).isEqualTo(2);
		assertThat(closed(fixture, "full")).isEqualTo(1);
		first.leave();
		assertThat(fixture.connect(fixture.nextAddress()).session).isNotNull();
	}

	@Test
	void oneAddressHasAtMostMaxClientsPerIpAndOthersStillGetIn() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.max-clients-per-ip", "2"));
		Client first = fixture.connect("198.51.100.7");
		fixture.connect("198.51.100.7");

		Client third = fixture.connect("198.51.100.7");

		assertThat(third.refusal()).isEqualTo("ERR too many connections from your address (max 2)");
		assertThat(fixture.connect("198.51.100.8").session).as("its neighbour").isNotNull();
		assertThat(closed(fixture, "ip-limit")).isEqualTo(1);
		first.leave();
		assertThat(fixture.connect("198.51.100.7").session).as("the slot given back").isNotNull();
	}

	@Test
	void oneNetworkHasAtMostItsPrefixLimit() {
		HubFixture fixture = HubFixture.with(
				Map.of("switchboard.max-clients-per-ipv4-prefix", "2", "switchboard.max-clients-per-ipv6-prefix", "1"));
		fixture.connect("198.51.100.1");
		fixture.connect("198.51.100.2");
		fixture.connect("2001:db8:1:2::1");

		Client sameSlash24 = fixture.connect("198.51.100.3");
		Client sameSlash64 = fixture.connect("2001:db8:1:2::2");

		assertThat(sameSlash24.refusal()).isEqualTo("ERR too many connections from your network (max 2)");
		assertThat(sameSlash64.refusal()).isEqualTo("ERR too many connections from your network (max 1)");
		assertThat(fixture.connect("198.51.101.1").session).as("the next /24").isNotNull();
		assertThat(fixture.connect("2001:db8:1:3::1").session).as("the next /64").isNotNull();
		assertThat(closed(fixture, "prefix-limit")).isEqualTo(2);
	}

	@Test
	void aBannedAddressIsRefusedAtTheDoorWithTheBansReason() {
		HubFixture fixture = HubFixture.withDefaults();
		fixture.hub.bans().impose(Ban.of(Ban.Kind.IP, "203.0.113.9", "spam", "operator", null, Instant.now()));

		Client banned = fixture.connect("203.0.113.9");

		assertThat(banned.session).isNull();
		assertThat(banned.refusal()).isEqualTo("ERR banned: spam (permanent)");
		assertThat(fixture.registry.count()).isZero();
		assertThat(closed(fixture, "banned")).isEqualTo(1);
		assertThat(fixture.connect("203.0.113.10").session).isNotNull();
	}

	@Test
	void aBanOfAConnectedClientTellsItsRoomAndDisconnectsIt() {
		HubFixture fixture = HubFixture.withDefaults();
		Client alice = fixture.join("alice");
		Client mallory = fixture.join("mallory");

		fixture.hub.bans().impose(Ban.of(Ban.Kind.NICK, "mallory", "spam", "operator", null, Instant.now()));

		assertThat(mallory.take()).containsExactly("ERR banned: spam (permanent)");
		assertThat(mallory.wire.closed()).isTrue();
		assertThat(mallory.session().closeReason()).isEqualTo(CloseReason.BANNED);
		assertThat(alice.take()).containsExactly("* mallory was banned by operator (spam)");
		Client other = fixture.join();
		other.send("/nick Mallory");
		assertThat(other.take()).as("the nick is banned too").containsExactly("ERR nick Mallory is banned");
	}

	@Test
	void aServerShuttingDownRefusesNewClients() {
		HubFixture fixture = HubFixture.withDefaults();

		fixture.hub.stopAccepting();

		Client late = fixture.connect(fixture.nextAddress());
		assertThat(late.session).isNull();
		assertThat(late.refusal()).isEqualTo("ERR server shutting down");
		assertThat(fixture.hub.isAccepting()).isFalse();
	}

	@Test
	void anAddressConnectingFasterThanItsAcceptRateIsToldToSlowDown() {
		// 1 a second, a burst of 2: the third at once is refused (no refill could make
		// it pass unless a second went by between two calls).
		HubFixture fixture = HubFixture.with(Map.of("switchboard.accept-rate-per-ip", "1"));
		fixture.connect("198.51.100.7");
		fixture.connect("198.51.100.7");

		Client third = fixture.connect("198.51.100.7");

		assertThat(third.refusal()).isEqualTo("ERR too many connections, slow down");
		assertThat(closed(fixture, "accept-rate")).isEqualTo(1);
		assertThat(fixture.connect("198.51.100.8").session).as("another address").isNotNull();
	}

	@Test
	void anAdmittedClientIsGreetedFirstAndIsAMemberOfTheDefaultRoom() {
		HubFixture fixture = HubFixture.withDefaults();
		Client bob = fixture.join("bob");

		Client alice = fixture.connect("192.0.2.7");
		bob.send("hello");

		assertThat(alice.take()).containsExactly(
				"* welcome to switchboard, you are 192.0.2.7:40000 in room lobby; /help for commands", "bob hello");
		assertThat(alice.session().id()).isEqualTo("tcp-2");
		assertThat(fixture.registry.find("tcp-2")).isSameAs(alice.session());
	}

	@Test
	void anArrivalNamingARoomStartsTheClientThereAndABadNameInTheDefaultRoom() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.greeting", ""));
		HubFixture.Wire wire = new HubFixture.Wire();
		ClientSession dev = fixture.hub
			.connect(Protocol.TCP, "192.0.2.7:1", "192.0.2.7", wire, fixture.hub.lineDialect(), null,
					new Arrival("Dev", null, null))
			.session();
		HubFixture.Wire badWire = new HubFixture.Wire();
		ClientSession bad = fixture.hub
			.connect(Protocol.TCP, "192.0.2.8:1", "192.0.2.8", badWire, fixture.hub.lineDialect(), null,
					new Arrival("no room!", null, null))
			.session();

		assertThat(dev.room()).isEqualTo("dev");
		assertThat(wire.lines()).as("no greeting configured").isEmpty();
		assertThat(bad.room()).isEqualTo("lobby");
		assertThat(badWire.lines())
			.containsExactly("ERR no room no room! (1-32 of A-Z a-z 0-9 _ . -): you are in lobby");
	}

	@Test
	void aFullRoomPolicyRefusesAnArrivalAsAFullServerWould() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.rooms.policies[0].pattern", "lobby",
				"switchboard.rooms.policies[0].max-members", "1"));
		fixture.connect(fixture.nextAddress());

		Client second = fixture.connect(fixture.nextAddress());

		assertThat(second.session).isNull();
		assertThat(second.refusal()).isEqualTo("ERR room lobby is full (max 1 members)");
		assertThat(fixture.registry.count()).isEqualTo(1);
	}

	private static double closed(HubFixture fixture, String reason) {
		var counter = fixture.meters.find("switchboard.connections.closed").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
