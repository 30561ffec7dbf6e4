package io.switchboard.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterKeysTests {

	private final ClusterKeys keys = new ClusterKeys("switchboard");

	@Test
	void aRoomsKeysAndChannelShareAHashTagOfTheirOwn() {
		assertThat(hashTag(this.keys.history("dev"))).isEqualTo("switchboard:dev")
			.isEqualTo(hashTag(this.keys.sequence("dev")))
			.isEqualTo(hashTag(this.keys.tag("dev")))
			.isEqualTo(hashTag(this.keys.topic("dev")))
			.isEqualTo(hashTag(this.keys.roomChannel("dev")))
			.isNotEqualTo(hashTag(this.keys.history("ops")));
	}

	@Test
	void whatIsNotARoomsStaysUnderThePrefixAlone() {
		assertThat(hashTag(this.keys.nodeChannel("node-a"))).isEqualTo("switchboard");
		assertThat(hashTag(this.keys.controlChannel())).isEqualTo("switchboard");
		assertThat(hashTag(this.keys.global() + "nicks")).isEqualTo("switchboard");
	}

	/**
	 * What Redis Cluster hashes: the text between the first { and the first } after it.
	 */
	private static String hashTag(String key) {
		int open = key.indexOf('{');
		return key.substring(open + 1, key.indexOf('}', open));
	}

}
