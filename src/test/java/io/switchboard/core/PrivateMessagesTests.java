package io.switchboard.core;

import java.time.Instant;
import java.util.Map;

import io.switchboard.core.HubFixture.Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Private messages through the hub, without Spring or sockets: one client to another by
 * nick, whatever rooms they are in, never kept, and within what the receiver takes from
 * all senders together ({@link RecipientLimits}).
 */
class PrivateMessagesTests {

	@Test
	void aPrivateMessageReachesOnlyItsReceiverInWhateverRoomAndIsNotKept() {
		HubFixture fixture = HubFixture.withDefaults();
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		Client carol = fixture.join("carol");
		bob.send("/join dev");
		carol.send("/join dev");
		bob.take();
		carol.take();

		alice.send("/msg bob just between us");

		assertThat(bob.take()).containsExactly("alice -> bob: just between us");
		assertThat(alice.take()).as("its copy, echo on").containsExactly("alice -> bob: just between us");
		assertThat(carol.take()).isEmpty();
		assertThat(fixture.hub.history("dev", 10)).isEmpty();
		assertThat(fixture.hub.history("lobby", 10)).isEmpty();
	}

	@Test
	void withEchoOffTheSenderGetsNoCopyAndWIsAnAlias() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.echo-to-sender", "false"));
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");

		alice.send("/w bob psst");

		assertThat(bob.take()).containsExactly("alice -> bob: psst");
		assertThat(alice.take()).isEmpty();
	}

	@Test
	void aReceiverPastWhatItTakesRefusesTheSenderAndIsNotCut() {
		// A burst of 2 at 1 a second: the third at once is refused.
		HubFixture fixture = HubFixture
			.with(Map.of("switchboard.private-messages.rate", "1", "switchboard.private-messages.burst", "2"));
		Client alice = fixture.join("alice");
		Client mallory = fixture.join("mallory");
		Client bob = fixture.join("bob");
		Client carol = fixture.join("carol");

		alice.send("/msg bob one");
		mallory.send("/msg bob two");
		mallory.send("/msg bob three");
		mallory.send("/msg carol four");

		assertThat(bob.take()).containsExactly("alice -> bob: one", "mallory -> bob: two");
		assertThat(mallory.take()).containsExactly("mallory -> bob: two",
				"ERR bob is sent more private messages than it takes (switchboard.private-messages.*); try again later",
				"mallory -> carol: four");
		assertThat(carol.take()).containsExactly("mallory -> carol: four");
		assertThat(bob.session().isClosing()).isFalse();
		assertThat(fixture.dropped(PrivateMessages.RECIPIENT_LIMIT)).isEqualTo(1);
	}

	@Test
	void aReceiverThatLeftIsNoLongerReachableAndItsNickIsFree() {
		HubFixture fixture = HubFixture.withDefaults();
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");

		bob.leave();
		alice.send("/msg bob still there?");
		Client newcomer = fixture.join();
		newcomer.send("/nick bob");

		assertThat(alice.take()).containsExactly("ERR no such nick bob");
		assertThat(newcomer.take()).containsExactly("* you are now bob");
	}

	@Test
	void aMessageRoutedHereIsDeliveredOnlyIfItsReceiverStillHasTheNick() {
		HubFixture fixture = HubFixture.withDefaults();
		Client bob = fixture.join("bob");
		Client renamed = fixture.join("robert");
		Event.Private toBob = new Event.Private("p1@n2", "alice", "BOB", "hi", Instant.now(), 0);
		Event.Private toRob = new Event.Private("p2@n2", "alice", "rob", "hi", Instant.now(), 0);

		fixture.hub.deliverPrivate(bob.session().id(), toBob);
		fixture.hub.deliverPrivate(renamed.session().id(), toRob);
		fixture.hub.deliverPrivate("tcp-99", toBob);

		assertThat(bob.take()).as("under the nick it has").containsExactly("alice -> bob: hi");
		assertThat(renamed.take()).isEmpty();
	}

	@Test
	void theTextIsMadeSafeForTheReceiversTerminal() {
		HubFixture fixture = HubFixture.withDefaults();
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		String text = "\u001b[2Jcleared";

		alice.send("/msg bob " + text);

		assertThat(bob.take()).containsExactly("alice -> bob: " + TerminalSafeText.escape(text))
			.noneMatch((line) -> line.contains("\u001b"));
	}

}
