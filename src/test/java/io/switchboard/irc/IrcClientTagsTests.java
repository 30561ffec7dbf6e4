package io.switchboard.irc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of a client's tags are relayed: client-only ones with valid names, each once.
 */
class IrcClientTagsTests {

	@Test
	void onlyClientOnlyTagsWithValidNamesAreKeptTheLastValueWinning() {
		assertThat(IrcClientTags.clientOnly("msgid=x;time=y;label=z")).isEmpty();
		assertThat(IrcClientTags.clientOnly("+typing=active;msgid=x;+draft/reply=1"))
			.isEqualTo("+typing=active;+draft/reply=1");
		assertThat(IrcClientTags.clientOnly("+a=1;+a=2;+b")).isEqualTo("+a=2;+b");
		assertThat(IrcClientTags.clientOnly("+a=;+example.com/x=y\\:z")).isEqualTo("+a;+example.com/x=y\\:z");
		assertThat(IrcClientTags.clientOnly("+;+/x;+a/;;=;+b@d=1;+é=1")).isEmpty();
	}

}
