package io.switchboard.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.switchboard.core.Authenticator;
import io.switchboard.core.Identity;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Who may publish, without a server: the API closed when nothing could authenticate a
 * publisher, and an address that keeps presenting bad tokens refused without a check.
 */
class PublisherAuthenticationTests {

	private static final Authenticator TOKENS = new Authenticator() {

		@Override
		public Identity authenticate(String token) {
			if (!token.equals("good")) {
				throw new InvalidTokenException("bad signature");
			}
			return new Identity("svc", null, List.of("*"), List.of("alerts"), false, Instant.now().plusSeconds(60),
					true);
		}

		@Override
		public Duration timeout() {
			return Duration.ofSeconds(10);
		}

	};

	@Test
	void withNeitherTokensNorAnAdminPasswordTheApiIsClosed() {
		assertThatExceptionOfType(PublishRefusal.class)
			.isThrownBy(() -> new PublisherAuthentication(null, false, 10).authenticate(bearer("good")))
			.satisfies((refusal) -> assertThat(refusal.status().value()).isEqualTo(403))
			.withMessageStartingWith("the publish API is closed");
	}

	@Test
	void aValidTokenPublishesOnlyWhereItsClaimSays() {
		PublisherAuthentication.Publisher publisher = new PublisherAuthentication(TOKENS, false, 10)
			.authenticate(bearer("good"));
		assertThat(publisher.key()).isEqualTo("token:svc");
		assertThat(publisher.mayPublish().test("alerts")).isTrue();
		assertThat(publisher.mayPublish().test("lobby")).isFalse();
	}

	@Test
	void anAddressThatKeepsPresentingBadTokensIsRefusedWithoutACheck() {
		PublisherAuthentication authentication = new PublisherAuthentication(TOKENS, false, 3);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(PublishRefusal.class).isThrownBy(() -> authentication.authenticate(bearer("bad")))
				.satisfies((refusal) -> assertThat(refusal.status().value()).isEqualTo(401));
		}
		assertThatExceptionOfType(PublishRefusal.class).isThrownBy(() -> authentication.authenticate(bearer("good")))
			.satisfies((refusal) -> {
				assertThat(refusal.status().value()).isEqualTo(429);
				assertThat(refusal.headers()).containsKey("Retry-After");
			});
	}

	private static MockHttpServletRequest bearer(String token) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/rooms/alerts/messages");
		request.addHeader("Authorization", "Bearer " + token);
		return request;
	}

}
