package io.switchboard.core;

import java.util.Map;

import io.switchboard.core.HubFixture.Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client without a nick is called ({@code switchboard.anonymous-names}), without
 * Spring or sockets.
 */
class AnonymousNamesTests {

	private static final Protocol PAGE = Protocol.guestNamed("page", Protocol.Kind.MESSAGES);

	@Test
	void byDefaultTheLineDoorsShowTheSeedsAddressesUdpItsIdAndThePageAGuestName() {
		assertThat(AnonymousNames.ADDRESS.nameFor(Protocol.TCP, "10.0.0.1:40000", "tcp-7", 7, false))
			.isEqualTo("10.0.0.1:40000");
		assertThat(AnonymousNames.ADDRESS.nameFor(Protocol.UDP, "10.0.0.1:40000", "udp-8", 8, false))
			.isEqualTo("udp-8");
		assertThat(AnonymousNames.ADDRESS.nameFor(PAGE, "10.0.0.1:40000", "page-9", 9, false)).isEqualTo("guest-9");
	}

	@Test
	void guestNamesEveryDoorsAnonymousClientsByTheNumberOfTheirId() {
		assertThat(AnonymousNames.GUEST.nameFor(Protocol.TCP, "10.0.0.1:40000", "tcp-4821@n1", 4821, false))
			.isEqualTo("guest-4821");
		assertThat(AnonymousNames.GUEST.nameFor(Protocol.UDP, "10.0.0.1:40000", "udp-5", 5, false))
			.isEqualTo("guest-5");
	}

	@Test
	void aServerThatAsksForTokensNeverShowsAnAddress() {
		assertThat(AnonymousNames.ADDRESS.nameFor(Protocol.TCP, "10.0.0.1:40000", "tcp-7", 7, true))
			.isEqualTo("guest-7");
	}

	@Test
	void aGuestIsShownByItsGuestNameUntilItTakesANickAndNobodyMayTakeAGuestName() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.anonymous-names", "guest"));
		Client guest = fixture.join();
		Client bob = fixture.join("bob");
		String name = guest.session().from();
		assertThat(name).matches("guest-\\d+").isEqualTo("guest-" + guest.session().id().replace("tcp-", ""));

		guest.send("hello");
		bob.send("/nick " + name);
		bob.send("/nick Guest-1");

		assertThat(bob.take()).containsExactly(name + " hello", "ERR nick " + name + " is reserved",
				"ERR nick Guest-1 is reserved");
		guest.send("/nick carol");
		guest.send("hello again");
		assertThat(bob.take()).contains("carol hello again");
	}

	@Test
	void aGuestIsReachedByItsGuestNameUntilItTakesANick() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.anonymous-names", "guest"));
		Client guest = fixture.join();
		Client bob = fixture.join("bob");
		String name = guest.session().from();

		bob.send("/msg " + name + " hello guest");
		assertThat(guest.take()).containsExactly("bob -> " + name + ": hello guest");

		guest.send("/nick carol");
		guest.take();
		bob.take();
		bob.send("/msg " + name + " still there?");
		assertThat(bob.take()).containsExactly("ERR no such nick " + name);
	}

}
