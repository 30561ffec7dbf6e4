package io.switchboard.terminal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResumptionTests {

	@Test
	void aNickAndRoomTheUserAskedForAndTheServerConfirmedAreAskedForAgainAfterTheSignIn() {
		Resumption resumption = new Resumption("t0k3n");
		resumption.sent("/nick alice");
		resumption.received("* you are now alice");
		resumption.sent("/join Dev");
		resumption.received("* you are now in room dev");
		assertThat(resumption.openingLines()).containsExactly("/auth t0k3n", "/nick alice", "/join dev");
	}

	@Test
	void whatTheServerGaveByItselfOrRefusedIsNotAskedForAgain() {
		Resumption resumption = new Resumption(null);
		// a token's nick and the default room come by themselves
		resumption.received("* you are now shorty");
		resumption.received("* you are now in room lobby");
		resumption.sent("/nick bob");
		resumption.received("ERR nick bob is taken");
		resumption.sent("/join no/such/room");
		resumption.received("ERR usage: /join ROOM");
		assertThat(resumption.openingLines()).isEmpty();
	}

	@Test
	void aTokenTypedAsAuthIsKeptOnceTheServerTookIt() {
		Resumption resumption = new Resumption(null);
		resumption.sent("/auth wrong");
		assertThat(resumption.openingLines()).isEmpty();
		resumption.received("* authenticated as alice until 2026-12-07T20:00:00Z");
		assertThat(resumption.openingLines()).containsExactly("/auth wrong");
	}

	@Test
	void linesThatOnlyLookLikeCommandsChangeNothing() {
		Resumption resumption = new Resumption(null);
		resumption.sent("/nick");
		resumption.sent("hello /nick eve");
		resumption.received("[2026-12-07 18:00:00] eve * you are now eve");
		resumption.received("* you are now eve");
		assertThat(resumption.openingLines()).isEmpty();
	}

}
