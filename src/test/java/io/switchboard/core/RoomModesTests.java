package io.switchboard.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoomModesTests {

	@Test
	void aNewRoomIsNoOutsideMessagesOnlyAndAReadOnlyPolicyShowsAsModerated() {
		assertThat(RoomModes.DEFAULT.flags(false)).isEqualTo("+n");
		assertThat(RoomModes.DEFAULT.flags(true)).isEqualTo("+mn");
		assertThat(RoomModes.DEFAULT.withTopicLocked(true).withInviteOnly(true).withKey("k").withLimit(3).flags(false))
			.isEqualTo("+iklnt");
		assertThat(RoomModes.DEFAULT.withNoOutside(false).flags(false)).isEqualTo("+");
	}

	@Test
	void aBanMaskKeepsOutTheNicksItsNickPartMatchesIgnoringCase() {
		RoomModes modes = RoomModes.DEFAULT.withBan(new RoomModes.Mask("BAR!*@*", "op", 1))
			.withBan(new RoomModes.Mask("spam*!~spam*@*", "op", 2));
		assertThat(modes.banned("bar")).isTrue();
		assertThat(modes.banned("barn")).isFalse();
		assertThat(modes.banned("spammer")).isTrue();
		assertThat(modes.withoutBan("bar!*@*").banned("bar")).as("lifted ignoring case").isFalse();
	}

	@Test
	void theBanListKeepsEachMaskOnceAndAtMostFiftyMasks() {
		RoomModes modes = RoomModes.DEFAULT;
		for (int i = 0; i < 80; i++) {
			modes = modes.withBan(new RoomModes.Mask("n" + i + "!*@*", "op", i));
		}
		modes = modes.withBan(new RoomModes.Mask("N0!*@*", "op", 99));
		assertThat(modes.bans()).hasSize(RoomModes.MAX_BANS);
		assertThat(modes.bans().getFirst().mask()).isEqualTo("n0!*@*");
	}

}
