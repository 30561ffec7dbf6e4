package io.switchboard.core;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFormatTests {

	@Test
	void placeholdersAreReplacedAndOtherBracesKeptLiterally() {
		MessageFormat format = new MessageFormat("<{room}> {from}: {text} {unknown}", ZoneId.of("UTC"));
		assertThat(format.render("alice", "hi {from}", "lobby")).isEqualTo("<lobby> alice: hi {from} {unknown}");
	}

	@Test
	void timeIsSecondsInTheConfiguredZone() {
		MessageFormat format = new MessageFormat("[{time}]", ZoneId.of("Asia/Shanghai"));
		assertThat(format.render("a", "b", "c")).matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d]");
	}

}
