package io.switchboard.transport;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's steps reach its door one at a time and in order, whether taken on the
 * event loop or handed over by a thread.
 */
class DoorInboxTests {

	@Test
	void anItemTakenHereRunsAtOnceWhenNothingIsQueued() {
		Inbox inbox = new Inbox();
		inbox.handHere(() -> inbox.log.add("frame"));
		assertThat(inbox.log).containsExactly("frame");
		assertThat(inbox.handOvers).isEmpty();
		assertThat(inbox.isHanding()).isFalse();
	}

	@Test
	void whatItQueuesWhileTakenHereIsHandedOverAfterIt() {
		Inbox inbox = new Inbox();
		inbox.handHere(() -> {
			// The door closed the connection: the close's step is queued meanwhile.
			inbox.hand(() -> inbox.log.add("closed"));
			assertThat(inbox.handOvers).as("no hand-over while the frame runs").isEmpty();
			inbox.log.add("frame");
		});
		assertThat(inbox.log).containsExactly("frame");
		assertThat(inbox.handOvers).hasSize(1);
		inbox.handOvers.getFirst().run();
		assertThat(inbox.log).containsExactly("frame", "closed");
		assertThat(inbox.isHanding()).isFalse();
	}

	@Test
	void anItemForHereQueuesBehindAHandOverInProgress() {
		Inbox inbox = new Inbox();
		inbox.hand(() -> inbox.log.add("opened"));
		inbox.handHere(() -> inbox.log.add("frame"));
		assertThat(inbox.log).as("nothing before the hand-over runs").isEmpty();
		assertThat(inbox.handOvers).hasSize(1);
		inbox.handOvers.getFirst().run();
		assertThat(inbox.log).containsExactly("opened", "frame");
		assertThat(inbox.isHanding()).isFalse();
	}

	@Test
	void aFailingItemCostsTheOthersNothing() {
		Inbox inbox = new Inbox();
		inbox.handHere(() -> {
			inbox.hand(() -> inbox.log.add("closed"));
			throw new IllegalStateException("door bug");
		});
		inbox.handOvers.getFirst().run();
		assertThat(inbox.log).containsExactly("closed");
	}

	/** Hand-overs are kept for the test to run, instead of on threads of their own. */
	static final class Inbox extends DoorInbox {

		final List<String> log = new ArrayList<>();

		final List<Runnable> handOvers = new ArrayList<>();

		@Override
		protected void readingPaused(boolean paused) {
		}

		@Override
		protected void startHandOver(Runnable handOver) {
			this.handOvers.add(handOver);
		}

	}

}
