package io.switchboard.core;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topics store without a server: counts per setter, and expiry of topics whose rooms
 * stay empty.
 */
class TopicsTests {

	private final AtomicLong now = new AtomicLong(1_000);

	private final Topics topics = new Topics(
			new RoomPolicies(new RoomsProperties(
					List.of(new RoomsProperties.Policy("news", false, null, 0, false, List.of()),
							new RoomsProperties.Policy("team-*", false, null, 0, false, List.of())),
					2, Duration.ofMinutes(1)), 0),
			"lobby", this.now::get);

	@Test
	void aSetterHasTopicsInAFewRoomsAndMayReplaceItsOwn() {
		assertThat(set("a", "10.0.0.1")).isEqualTo(Topics.Claim.CLAIMED);
		assertThat(set("b", "10.0.0.1")).isEqualTo(Topics.Claim.CLAIMED);
		assertThat(set("c", "10.0.0.1")).isEqualTo(Topics.Claim.TOO_MANY_FROM_SETTER);
		assertThat(set("a", "10.0.0.1")).as("its own, again").isEqualTo(Topics.Claim.CLAIMED);
		assertThat(set("c", "10.0.0.2")).as("another setter").isEqualTo(Topics.Claim.CLAIMED);
		assertThat(set("d", null)).as("an admin").isEqualTo(Topics.Claim.CLAIMED);
		this.topics.apply(new Event.Topic("a", "", "someone"));
		assertThat(set("e", "10.0.0.1")).as("after a clear").isEqualTo(Topics.Claim.CLAIMED);
	}

	@Test
	void aTopicExpiresOnceItsRoomHasBeenEmptyForTheRetentionUnlessTheRoomIsKept() {
		for (String room : new String[] { "a", "lobby", "news", "team-x" }) {
			set(room, null);
		}
		this.now.addAndGet(50_000);
		assertThat(this.topics.expired(Set.of("a"))).isEmpty();
		this.now.addAndGet(50_000);
		assertThat(this.topics.expired(Set.of())).as("a was occupied 50 s ago").containsExactly("team-x");
		this.now.addAndGet(10_000);
		assertThat(this.topics.expired(Set.of())).containsExactlyInAnyOrder("a", "team-x");
	}

	private Topics.Claim set(String room, String setter) {
		Topics.Claim claim = this.topics.claim(room, setter);
		if (claim == Topics.Claim.CLAIMED) {
			this.topics.apply(new Event.Topic(room, "topic of " + room, "someone"));
		}
		return claim;
	}

}
