package io.switchboard.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.switchboard.core.HubFixture.Client;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Room history as clients use it ({@code /history}, {@code /join ROOM since=ID}, the
 * replay on joining) through the hub, and its parts on their own: {@link KeptLines}'
 * limits on a clock of the test's, and {@link ChatIds}. {@code HistoryStoreTests} covers
 * {@link History}'s own limits and catch-ups.
 */
class HistoryTests {

	private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-07T12:00:00Z").toEpochMilli());

	@Test
	void historyReplaysTheRoomsLastLinesAsOneBlock() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.history.size", "3"));
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		for (int i = 1; i <= 5; i++) {
			alice.send("line " + i);
		}
		bob.take();

		bob.send("/history 3");
		bob.send("/history 4");

		assertThat(bob.take()).containsExactly("* history of lobby: 3 lines", "alice line 3", "alice line 4",
				"alice line 5", "* end of history", "ERR usage: /history [N] (N from 1 to 3, default 3)");
	}

	@Test
	void historyWithoutACountReplaysWhatTheRoomKeepsWhenThatIsUnderTheDefault() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.history.size", "3"));
		Client alice = fixture.join("alice");
		for (int i = 1; i <= 5; i++) {
			alice.send("line " + i);
		}
		alice.take();

		alice.send("/history");

		assertThat(alice.take()).containsExactly("* history of lobby: 3 lines", "alice line 3", "alice line 4",
				"alice line 5", "* end of history");
	}

	@Test
	void historyIsRefusedWhenOffOrWhenTheRoomsPolicyKeepsNone() {
		Client off = HubFixture.with(Map.of("switchboard.history.size", "0")).join("alice");
		HubFixture secret = HubFixture.with(Map.of("switchboard.rooms.policies[0].pattern", "secret",
				"switchboard.rooms.policies[0].history", "0"));
		Client bob = secret.join("bob");
		bob.send("/join secret");
		bob.send("not for the record");
		bob.take();

		off.send("/history 1");
		bob.send("/history 1");

		assertThat(off.take()).containsExactly("ERR history is off on this server");
		assertThat(bob.take()).containsExactly("ERR room secret keeps no history");
		assertThat(secret.hub.history("secret", 10)).isEmpty();
	}

	@Test
	void joiningSinceAnIdReplaysWhatCameAfterItThenTheLiveLines() {
		HubFixture fixture = HubFixture.withDefaults();
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		for (int i = 1; i <= 4; i++) {
			alice.send("line " + i);
		}
		String second = fixture.hub.history("lobby", 10).get(1).id();
		bob.send("/join dev");
		bob.take();

		bob.send("/join lobby since=" + second);
		alice.send("line 5");

		assertThat(bob.take()).containsExactly("* you are now in room lobby", "* recovered 2 lines of lobby",
				"alice line 3", "alice line 4", "alice line 5");
	}

	@Test
	void aCatchUpPastWhatIsKeptSaysLinesWereMissed() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.history.size", "2"));
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		alice.send("line 1");
		String first = fixture.hub.history("lobby", 1).getFirst().id();
		for (int i = 2; i <= 5; i++) {
			alice.send("line " + i);
		}
		bob.send("/join dev");
		bob.take();

		bob.send("/join lobby since=" + first);

		assertThat(bob.take()).containsExactly("* you are now in room lobby",
				"* recovered 2 lines of lobby; older lines are gone, some were missed", "alice line 4", "alice line 5");
	}

	@Test
	void aCatchUpFromNoIdOfTheRoomIsRefusedAndTheClientStaysWhereItWas() {
		HubFixture fixture = HubFixture.withDefaults();
		Client alice = fixture.join("alice");
		alice.send("/join dev");
		alice.send("in dev");
		String devId = fixture.hub.history("dev", 1).getFirst().id();
		alice.take();

		alice.send("/join lobby since=nonsense");
		alice.send("/join lobby since=" + devId);

		assertThat(alice.take()).containsExactly("ERR malformed id (since=ID takes the id of a chat line)",
				"ERR that id is not from room lobby");
		assertThat(alice.session().room()).isEqualTo("dev");
	}

	@Test
	void aClientJoiningIsReplayedTheLastOnJoinLinesBeforeLiveOnes() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.history.on-join", "2"));
		Client alice = fixture.join("alice");
		alice.send("/join dev");
		for (int i = 1; i <= 3; i++) {
			alice.send("line " + i);
		}
		Client bob = fixture.join("bob");

		bob.send("/join dev");
		alice.send("line 4");

		assertThat(bob.take()).containsExactly("* you are now in room dev", "alice line 2", "alice line 3",
				"alice line 4");
	}

	@Test
	void keptLinesKeepEachRoomsLastLinesAndDropTheOldestOfAnyRoomWhenFull() {
		List<String> emptied = new ArrayList<>();
		long cost = 200 + 2 * ("tag0000000.1".length() + "alice".length() + "line 1".length());
		KeptLines kept = new KeptLines(4 * cost, Duration.ofHours(1).toMillis(), (room) -> emptied.add(room.name));
		KeptLines.Room lobby = new KeptLines.Room("lobby", "tag0000000", false, 2);
		KeptLines.Room dev = new KeptLines.Room("dev", "tag0000001", false, 10);

		append(kept, dev, 1, "line 1");
		for (int seq = 1; seq <= 3; seq++) {
			append(kept, lobby, seq, "line " + seq);
		}

		assertThat(texts(kept.newest(lobby, 0, 10))).as("two per lobby").containsExactly("line 2", "line 3");
		assertThat(kept.lines()).isEqualTo(3);
		append(kept, dev, 2, "line 2");
		append(kept, dev, 3, "line 3");
		assertThat(kept.bytes()).isLessThanOrEqualTo(4 * cost);
		assertThat(texts(kept.newest(dev, 0, 10))).as("the oldest of any room went first")
			.containsExactly("line 2", "line 3");
		assertThat(texts(kept.newest(lobby, 0, 10))).containsExactly("line 2", "line 3");
		assertThat(kept.lines()).isEqualTo(4);
		assertThat(texts(kept.newest(dev, 2, 10))).as("after seq 2").containsExactly("line 3");
		assertThat(emptied).isEmpty();
	}

	@Test
	void keptLinesOlderThanTheMaximumAgeGoByTheClockAndTheirRoomIsToldWhenEmptied() {
		List<String> emptied = new ArrayList<>();
		KeptLines kept = new KeptLines(Long.MAX_VALUE, Duration.ofMinutes(1).toMillis(),
				(room) -> emptied.add(room.name));
		KeptLines.Room lobby = new KeptLines.Room("lobby", "tag0000000", false, 10);
		append(kept, lobby, 1, "old");
		this.now.addAndGet(Duration.ofSeconds(30).toMillis());
		append(kept, lobby, 2, "newer");

		kept.expire(this.now.get() + Duration.ofSeconds(31).toMillis());

		assertThat(texts(kept.newest(lobby, 0, 10))).containsExactly("newer");
		assertThat(lobby.oldestSeq()).isEqualTo(2);
		assertThat(emptied).isEmpty();
		kept.expire(this.now.get() + Duration.ofSeconds(61).toMillis());
		assertThat(lobby.lines).isZero();
		assertThat(lobby.oldestSeq()).as("the next one").isEqualTo(3);
		assertThat(emptied).containsExactly("lobby");
	}

	@Test
	void historyReadsOnItsOwnClockSoLinesPastTheirAgeAreNotReplayed() {
		HistoryProperties properties = new HistoryProperties(200, Duration.ofMinutes(5), DataSize.ofMegabytes(1), 0);
		History history = new History(properties, new RoomPolicies(RoomPolicies.NONE.properties(), 200),
				Set.of("lobby")::contains, this.now::get);
		String first = history.record(chat("lobby", "a")).id();
		this.now.addAndGet(Duration.ofMinutes(3).toMillis());
		history.record(chat("lobby", "b"));

		this.now.addAndGet(Duration.ofMinutes(3).toMillis());

		assertThat(texts(history.last("lobby", 10))).containsExactly("b");
		History.Recovery recovery = history.since("lobby", first);
		assertThat(recovery.complete()).as("nothing after a was forgotten").isTrue();
		assertThat(texts(recovery.lines())).containsExactly("b");
	}

	@Test
	void idsAreTheRoomsTagAndASequenceThatGrows() {
		HistoryProperties properties = new HistoryProperties(200, Duration.ofHours(1), DataSize.ofMegabytes(1), 0);
		History history = new History(properties, new RoomPolicies(RoomPolicies.NONE.properties(), 200),
				Set.of("lobby")::contains, this.now::get);
		List<ChatIds.Parsed> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(ChatIds.parse(history.record(chat("lobby", "x" + i)).id()));
		}

		assertThat(ids).extracting(ChatIds.Parsed::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(ids).extracting(ChatIds.Parsed::tag).containsOnly(ids.getFirst().tag());
		assertThat(ChatIds.isOf("lobby", ids.getFirst().tag() + ".1")).isTrue();
		assertThat(ChatIds.isOf("Lobby", ids.getFirst().tag() + ".1")).as("room names ignore case").isTrue();
		assertThat(ChatIds.isOf("dev", ids.getFirst().tag() + ".1")).isFalse();
		assertThat(ChatIds.parse("lobby.1")).isNull();
		assertThat(ChatIds.parse(ids.getFirst().tag() + ".")).isNull();
		assertThat(ChatIds.newTag("lobby")).hasSize(10).startsWith(ids.getFirst().tag().substring(0, 4));
	}

	private void append(KeptLines kept, KeptLines.Room room, long seq, String text) {
		room.lastSeq = seq;
		kept.append(room,
				new Event.Chat(room.tag + "." + seq, room.name, "alice", text, Instant.ofEpochMilli(this.now.get()), 0),
				seq);
	}

	private Event.Chat chat(String room, String text) {
		return new Event.Chat("", room, "alice", text, Instant.ofEpochMilli(this.now.get()), 0);
	}

	private static List<String> texts(List<Event.Chat> lines) {
		return lines.stream().map(Event.Chat::text).toList();
	}

}
