package io.switchboard.core;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Room policies ({@code switchboard.rooms.policies[i]}): rules for the rooms whose names
 * a pattern matches. The first policy whose pattern matches a room is the room's; a room
 * no pattern matches has none of these rules. And how long topics last.
 *
 * @param policies the policies, in the order they are tried
 * @param topicsPerAddress most rooms whose topic one address (an IPv6 /64) has set and
 * that still have it; admin tokens are not counted
 * @param topicRetention how long a room's topic stays once the room is empty (on every
 * node); the default room's and those of rooms a policy names exactly stay
 */
@ConfigurationProperties("switchboard.rooms")
@Validated
public record RoomsProperties(@DefaultValue List<@Valid Policy> policies,
		@DefaultValue("20") @Min(1) int topicsPerAddress, @DefaultValue("1h") Duration topicRetention) {

	public RoomsProperties {
		// Duration has no Bean Validation constraints; name the property here.
		if (topicRetention.isNegative() || topicRetention.isZero()) {
			throw new IllegalArgumentException(
					"switchboard.rooms.topic-retention must be positive, was " + topicRetention);
		}
	}

	/**
	 * One room policy.
	 *
	 * @param pattern the rooms it is for: {@code *}, a room's name, or a prefix ending in
	 * {@code *} ({@code team-*})
	 * @param readOnly whether members' lines are refused: only operators (admin tokens,
	 * the {@code clients} endpoint's operator message) and the publish API write to it
	 * @param history the last lines kept of each of its rooms (0 = none), instead of
	 * {@code switchboard.history.size}; null keeps that
	 * @param maxMembers most members each of its rooms has on one node; 0 = no limit
	 * @param firstMemberOperator whether the first member of one of its rooms, when
	 * empty, becomes its operator (may {@code /kick} in it), as in rooms no policy names;
	 * off: its operators are admin tokens only. Never for the default room.
	 * @param operators the token subjects ({@code sub} claims) that are operators in its
	 * rooms, the default room too, once signed in: a nick is not enough, as anyone could
	 * take a free one on a server without tokens
	 */
	public record Policy(@NotNull @Pattern(regexp = RoomPattern.SYNTAX) String pattern,
			@DefaultValue("false") boolean readOnly, @Nullable @Min(0) @Max(10_000) Integer history,
			@DefaultValue("0") @Min(0) int maxMembers, @DefaultValue("false") boolean firstMemberOperator,
			@DefaultValue( {
			}) List<String> operators){

		public Policy {
			operators = List.copyOf(operators);
		}

	}

}
