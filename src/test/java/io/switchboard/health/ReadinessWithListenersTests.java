package io.switchboard.health;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class ReadinessWithListenersTests {

	private final HealthEndpointGroup primary = group("db");

	private final HealthEndpointGroup readiness = group("readinessState");

	private final HealthEndpointGroup liveness = group("livenessState");

	private final HealthEndpointGroups groups = ReadinessWithListeners.of(
			HealthEndpointGroups.of(this.primary, Map.of("readiness", this.readiness, "liveness", this.liveness)),
			Set.of("tcp", "unixStream")::contains);

	@Test
	void readinessHasItsConfiguredMembersAndEveryListener() {
		HealthEndpointGroup group = this.groups.get("readiness");
		assertThat(group.isMember("readinessState")).isTrue();
		assertThat(group.isMember("tcp")).isTrue();
		assertThat(group.isMember("unixStream")).isTrue();
		assertThat(group.isMember("cluster")).isFalse();
	}

	@Test
	void otherGroupsStayAsConfigured() {
		assertThat(this.groups.get("liveness")).isSameAs(this.liveness);
		assertThat(this.groups.getPrimary()).isSameAs(this.primary);
		assertThat(this.groups.getNames()).containsExactlyInAnyOrder("readiness", "liveness");
		assertThat(this.groups.get("liveness").isMember("tcp")).isFalse();
	}

	private static HealthEndpointGroup group(String member) {
		HealthEndpointGroup group = mock(HealthEndpointGroup.class);
		given(group.isMember(member)).willReturn(true);
		return group;
	}

}
