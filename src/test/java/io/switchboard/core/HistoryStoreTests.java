package io.switchboard.core;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history store on its own: ids, the three limits, and what a catch-up finds.
 */
class HistoryStoreTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final Set<String> liveRooms = new HashSet<>(Set.of("lobby", "dev"));

	@Test
	void idsCountEachRoomsLinesAndNameTheRoom() {
		History history = history(200, "64MB", Duration.ofHours(24));
		String first = history.record(chat("lobby", "a")).id();
		String second = history.record(chat("lobby", "b")).id();
		String elsewhere = history.record(chat("dev", "c")).id();
		assertThat(first).matches("[0-9a-z]{10}\\.1");
		assertThat(second).isEqualTo(first.substring(0, 10) + ".2");
		assertThat(elsewhere).endsWith(".1").doesNotStartWith(first.substring(0, 4));
		assertThat(history.check("lobby", second)).isNull();
		assertThat(history.check("lobby", elsewhere)).isEqualTo("that id is not from room lobby");
		assertThat(history.check("lobby", "nonsense")).startsWith("malformed id");
		assertThat(history.check("lobby", first.substring(0, 10) + ".3"))
			.isEqualTo("that id is newer than any line of room lobby");
	}

	@Test
	void eachRoomKeepsItsLastLinesOldestFirst() {
		History history = history(3, "64MB", Duration.ofHours(24));
		for (String text : List.of("1", "2", "3", "4", "5")) {
			history.record(chat("lobby", text));
		}
		assertThat(texts(history.last("lobby", 10))).containsExactly("3", "4", "5");
		assertThat(texts(history.last("lobby", 2))).containsExactly("4", "5");
		assertThat(history.lines()).isEqualTo(3);
	}

	@Test
	void whenTheByteBudgetIsFullTheOldestLinesOfAnyRoomGoFirst() {
		History history = history(200, "2KB", Duration.ofHours(24));
		history.record(chat("dev", "old line in a quiet room"));
		for (int i = 0; i < 100; i++) {
			history.record(chat("lobby", "flood " + i));
		}
		assertThat(history.bytes()).isLessThanOrEqualTo(2048).isPositive();
		assertThat(history.last("dev", 10)).isEmpty();
		List<String> kept = texts(history.last("lobby", 200));
		assertThat(kept).isNotEmpty().endsWith("flood 99");
		assertThat(kept.getFirst()).isEqualTo("flood " + (100 - kept.size()));
	}

	@Test
	void linesOlderThanTheMaximumAgeAreForgotten() {
		History history = history(200, "64MB", Duration.ofMinutes(1));
		history.record(chat("lobby", "old"));
		this.now.addAndGet(Duration.ofSeconds(61).toMillis());
		history.record(chat("lobby", "new"));
		assertThat(texts(history.last("lobby", 10))).containsExactly("new");
		this.now.addAndGet(Duration.ofSeconds(61).toMillis());
		history.expire();
		assertThat(history.lines()).isZero();
		assertThat(history.bytes()).isZero();
	}

	@Test
	void aCatchUpIsCompleteOnlyIfNothingAfterTheIdWasForgotten() {
		History history = history(3, "64MB", Duration.ofHours(24));
		String one = history.record(chat("lobby", "1")).id();
		String two = history.record(chat("lobby", "2")).id();
		for (String text : List.of("3", "4", "5")) {
			history.record(chat("lobby", text));
		}
		History.Recovery fromTwo = history.since("lobby", two);
		assertThat(fromTwo.complete()).isTrue();
		assertThat(texts(fromTwo.lines())).containsExactly("3", "4", "5");
		History.Recovery fromOne = history.since("lobby", one);
		assertThat(fromOne.complete()).as("line 2 is gone").isFalse();
		assertThat(texts(fromOne.lines())).containsExactly("3", "4", "5");
	}

	@Test
	void anIdFromAnEarlierRunOfTheRoomRecoversEverythingKeptAsIncomplete() {
		History before = history(200, "64MB", Duration.ofHours(24));
		String old = before.record(chat("lobby", "before the restart")).id();
		History after = history(200, "64MB", Duration.ofHours(24));
		after.record(chat("lobby", "after"));
		assertThat(after.check("lobby", old)).isNull();
		History.Recovery recovery = after.since("lobby", old);
		assertThat(recovery.complete()).isFalse();
		assertThat(texts(recovery.lines())).containsExactly("after");
	}

	@Test
	void anEmptyRoomThatLostItsMembersIsForgottenWithItsIds() {
		History history = history(200, "64MB", Duration.ofMinutes(1));
		String id = history.record(chat("dev", "x")).id();
		this.liveRooms.remove("dev");
		history.roomClosed("dev");
		assertThat(history.stats("dev").lines()).as("lines outlive members").isEqualTo(1);
		this.now.addAndGet(Duration.ofMinutes(2).toMillis());
		history.expire();
		this.liveRooms.add("dev");
		assertThat(history.record(chat("dev", "y")).id()).as("a new run").doesNotStartWith(id.substring(0, 10));
	}

	@Test
	void withHistoryOffLinesStillGetIdsButNoneIsKept() {
		History history = history(0, "64MB", Duration.ofHours(24));
		assertThat(history.record(chat("lobby", "a")).id()).endsWith(".1");
		assertThat(history.record(chat("lobby", "b")).id()).endsWith(".2");
		assertThat(history.enabled()).isFalse();
		assertThat(history.lines()).isZero();
		assertThat(history.last("lobby", 10)).isEmpty();
	}

	private History history(int size, String maxBytes, Duration maxAge) {
		return history(size, maxBytes, maxAge, List.of());
	}

	private History history(int size, String maxBytes, Duration maxAge, List<RoomsProperties.Policy> policies) {
		HistoryProperties properties = new HistoryProperties(size, maxAge, DataSize.parse(maxBytes), 0);
		return new History(properties, new RoomPolicies(new RoomsProperties(policies, 20, Duration.ofHours(1)),
				properties.enabled() ? size : 0), this.liveRooms::contains, this.now::get);
	}

	@Test
	void aRoomPolicyKeepsItsOwnNumberOfLinesAndZeroKeepsNone() {
		History history = history(3, "64MB", Duration.ofHours(24),
				List.of(new RoomsProperties.Policy("secret-*", false, 0, 0, false, List.of()),
						new RoomsProperties.Policy("news", false, 5, 0, false, List.of())));
		for (int i = 1; i <= 6; i++) {
			history.record(chat("lobby", "l" + i));
			history.record(chat("news", "n" + i));
			assertThat(history.record(chat("secret-1", "s" + i)).id()).endsWith("." + i);
		}
		assertThat(texts(history.last("lobby", 10))).containsExactly("l4", "l5", "l6");
		assertThat(texts(history.last("news", 10))).containsExactly("n2", "n3", "n4", "n5", "n6");
		assertThat(history.last("secret-1", 10)).isEmpty();
		assertThat(history.size("secret-1")).isZero();
		assertThat(history.lines()).isEqualTo(8);
	}

	private Event.Chat chat(String room, String text) {
		return new Event.Chat("", room, "alice", text, Instant.ofEpochMilli(this.now.get()), 0);
	}

	private static List<String> texts(List<Event.Chat> lines) {
		return lines.stream().map(Event.Chat::text).toList();
	}

}
