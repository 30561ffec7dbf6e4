package io.switchboard.irc;

import io.switchboard.core.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IRC client is told of a nick change or a quit once, however many rooms bring it, and
 * again once the nick could be someone else's.
 */
class IrcDeparturesTests {

	private final IrcDepartures departures = new IrcDepartures();

	@Test
	void aNickChangeFromEveryRoomIsToldOnce() {
		assertThat(this.departures.repeats(new Event.Renamed("a", "alice", "bob"))).isFalse();
		assertThat(this.departures.repeats(new Event.Renamed("b", "alice", "bob"))).isTrue();
		assertThat(this.departures.repeats(new Event.Renamed("c", "Alice", "bob"))).isTrue();
		assertThat(this.departures.repeats(new Event.Renamed("a", "carol", "dave"))).isFalse();
	}

	@Test
	void aQuitFromEveryRoomIsToldOnceUntilTheNickComesBack() {
		assertThat(this.departures.repeats(quit("a", "alice"))).isFalse();
		assertThat(this.departures.repeats(quit("b", "alice"))).isTrue();
		assertThat(this.departures.repeats(new Event.Presence("a", "alice", true))).as("a join").isFalse();
		assertThat(this.departures.repeats(quit("a", "alice"))).isFalse();
		assertThat(this.departures.repeats(new Event.Renamed("a", "zed", "alice"))).isFalse();
		assertThat(this.departures.repeats(quit("a", "alice"))).as("someone took the nick").isFalse();
		this.departures.joined();
		assertThat(this.departures.repeats(quit("c", "alice"))).as("a channel joined since").isFalse();
	}

	@Test
	void joinsPartsAndLinesAreNeverRepeats() {
		assertThat(this.departures.repeats(new Event.Presence("a", "alice", true))).isFalse();
		assertThat(this.departures.repeats(new Event.Presence("a", "alice", true))).isFalse();
		assertThat(this.departures.repeats(new Event.Presence("a", "alice", false))).isFalse();
		assertThat(this.departures.repeats(new Event.Presence("b", "alice", false))).isFalse();
	}

	private static Event.Presence quit(String room, String who) {
		return new Event.Presence(room, who, false, true, "Quit: bye");
	}

}
