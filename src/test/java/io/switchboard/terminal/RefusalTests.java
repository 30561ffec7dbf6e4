package io.switchboard.terminal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalTests {

	@Test
	void aBadOrExpiredTokenStopsTheClientWithWhatToDo() {
		assertThat(Refusal.of("ERR invalid token: expired")).isEqualTo(
				"the server refused the token (invalid token: expired); get a new one and run again with --token TOKEN or SWITCHBOARD_TOKEN=TOKEN");
		assertThat(Refusal.of("ERR token expired")).startsWith("the server refused the token (token expired)");
	}

	@Test
	void noTokenOnATokenServerAndABanStopTheClient() {
		assertThat(Refusal.of("ERR authentication timed out")).isEqualTo(
				"this server signs clients in with a token; run again with --token TOKEN or SWITCHBOARD_TOKEN=TOKEN");
		assertThat(Refusal.of("ERR banned: spam (permanent)"))
			.isEqualTo("the server refused you (banned: spam (permanent))");
	}

	@Test
	void otherErrorsAndChatLinesThatQuoteARefusalDoNot() {
		assertThat(Refusal.of("ERR nick alice is taken")).isNull();
		assertThat(Refusal.of("ERR kicked from room dev by bob (spam)")).isNull();
		assertThat(Refusal.of("[2026-12-07 18:00:00] eve ERR invalid token: expired")).isNull();
		assertThat(Refusal.of("* server shutting down")).isNull();
	}

}
