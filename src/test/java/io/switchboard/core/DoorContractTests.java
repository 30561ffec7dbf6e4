package io.switchboard.core;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.switchboard.core.HubFixture.Client;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every door has with the core, driven as a door drives it but without one:
 * open a client with {@link ChatHub#connect}, route its frames to the hub as messages
 * whose {@link ChatHub#SESSION} header holds its session ({@link ChatHub#handleMessage},
 * what each door's flow ends in), record why it ends, take it out of its rooms, forget
 * it.
 */
class DoorContractTests {

	private final HubFixture fixture = HubFixture.withDefaults();

	private final ChatHub hub = this.fixture.hub;

	@Test
	void aFrameWithItsSessionInTheHeaderReachesTheRoomAsAChatLine() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");

		this.hub.handleMessage(frame(alice, "hello"));

		assertThat(bob.take()).containsExactly("alice hello");
		assertThat(alice.take()).as("its own copy (echo-to-sender is on by default)").containsExactly("alice hello");
	}

	@Test
	void aFrameWithoutASessionIsDroppedAsARefusedClientsInputIs() {
		Client bob = this.fixture.join("bob");

		this.hub.handleMessage(new GenericMessage<>(Frame.of(bytes("from nobody"))));

		assertThat(bob.take()).isEmpty();
		assertThat(this.fixture.dropped(CloseReason.TOO_LONG.tag())).isZero();
	}

	@Test
	void aTooLongFrameClosesItsSenderWithTheLimitAndNobodyElseNotices() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");

		this.hub.handleMessage(new GenericMessage<>(Frame.TOO_LONG, Map.of(ChatHub.SESSION, alice.session())));

		assertThat(alice.take()).singleElement().asString().startsWith("ERR message too long (max ");
		assertThat(alice.session().closeReason()).isEqualTo(CloseReason.TOO_LONG);
		assertThat(alice.wire.closed()).isTrue();
		assertThat(bob.take()).isEmpty();
		assertThat(this.fixture.dropped(CloseReason.TOO_LONG.tag())).isEqualTo(1);
	}

	@Test
	void aFrameNamingOneOfTheClientsRoomsGoesToThatRoom() {
		HubFixture several = HubFixture.with(Map.of("switchboard.line.multi-room", "true"));
		Client alice = several.join("alice");
		Client bob = several.join("bob");
		alice.send("/join dev");
		alice.take();
		bob.take();

		Map<String, Object> headers = new HashMap<>();
		headers.put(ChatHub.SESSION, alice.session());
		headers.put(ChatHub.ROOM, "lobby");
		several.hub.handleMessage(new GenericMessage<>(Frame.of(bytes("to the lobby")), headers));

		assertThat(bob.take()).singleElement().asString().contains("to the lobby");
		assertThat(alice.session().room()).isEqualTo("dev");
	}

	@Test
	void aFrameAfterItsClientBeganClosingIsIgnored() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");
		alice.session().markClosing(CloseReason.EOF);

		this.hub.handleMessage(frame(alice, "too late"));

		assertThat(bob.take()).isEmpty();
	}

	@Test
	void leavingTheRoomsAfterGoodbyeTellsTheRoomAndForgettingFreesTheNick() {
		HubFixture announcing = HubFixture.with(Map.of("switchboard.announce-presence", "true"));
		Client alice = announcing.join("alice");
		Client bob = announcing.join("bob");
		bob.take();

		alice.session().markClosing(CloseReason.QUIT);
		announcing.hub.leaveRoom(alice.session());
		assertThat(bob.take()).singleElement().asString().contains("alice");
		assertThat(announcing.hub.roomCounts()).containsEntry("lobby", 1);

		announcing.hub.disconnected(alice.session());
		Client another = announcing.join();
		another.send("/nick alice");
		assertThat(another.take()).singleElement().asString().contains("you are now alice");
	}

	@Test
	void aRefusedOpeningIsAnsweredInTheDoorsDialectAndHoldsNoSlot() {
		HubFixture full = HubFixture.with(Map.of("switchboard.max-clients", "1"));
		full.join();

		Client refused = full.connect(full.nextAddress());

		assertThat(refused.session).isNull();
		assertThat(refused.refusal()).startsWith("ERR ");
		assertThat(refused.wire.writes()).isZero();
	}

	private static Message<Frame> frame(Client client, String text) {
		return new GenericMessage<>(Frame.of(bytes(text)), Map.of(ChatHub.SESSION, client.session()));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
